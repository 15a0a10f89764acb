import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { buildApp } from '../infra/app.js';
import { HANDLER_METADATA } from '../infra/constructs/forlob-function.js';

/**
 * The local runtime reads the system from the CloudFormation template CDK synthesises for the cloud: its
 * tables, its functions (and which module CDK bundles for each), its HTTP routes and its state machine
 * definitions. Nothing here is a second description of the system.
 */
export type CfnTemplate = { Resources: Record<string, { Type: string; Properties?: any; Metadata?: any }> };

export const LOCAL_REGION = 'eu-north-1';
export const LOCAL_ACCOUNT = '000000000000';

/**
 * A file holding the template synthesised earlier in the same run: the tests synthesise once for all their
 * files and the `npm start` processes they spawn (test/support/global-setup.ts), not once per file.
 */
export const SYNTHESIZED_TEMPLATE_FILE = 'FORLOB_SYNTHESIZED_TEMPLATE';

/** Synthesises the cloud stack in-process, without bundling (the local runtime imports the sources). */
export function synthesizeTemplate(): CfnTemplate {
  const synthesized = process.env[SYNTHESIZED_TEMPLATE_FILE];
  if (synthesized) return JSON.parse(readFileSync(synthesized, 'utf8')) as CfnTemplate;
  const outdir = mkdtempSync(join(tmpdir(), 'forlob-synth-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    const { stack } = buildApp(app, { nag: false });
    return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export const lambdaArn = (logicalId: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${logicalId}`;
export const stateMachineArn = (name: string) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;

export interface LocalFunction {
  logicalId: string;
  arn: string;
  entry: string;
  environment: Record<string, string>;
}

export interface LocalStateMachine {
  logicalId: string;
  name: string;
  arn: string;
  /** ARNs that name it too: its aliases. */
  aliasArns: string[];
  definition: Record<string, any>;
}

export interface LocalSchedule {
  logicalId: string;
  /** `cron(…)` as EventBridge Scheduler takes it. */
  expression: string;
  timeZone: string;
  /** The state machine (or alias) ARN the schedule starts. */
  targetArn: string;
  input: unknown;
}

export interface LocalRoute {
  routeKey: string;
  method: string;
  path: string;
  authorized: boolean;
  functionLogicalId: string;
}

export class TemplateModel {
  constructor(readonly template: CfnTemplate) {}

  private resources(type: string): [string, any][] {
    return Object.entries(this.template.Resources).filter(([, r]) => r.Type === type);
  }

  /** Resolves the CloudFormation intrinsics the stack uses to their local values. */
  resolve(value: any): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = value[key];
      if (key === 'Ref') return this.ref(arg);
      if (key === 'Fn::GetAtt') return this.getAtt(arg[0], arg[1]);
      if (key === 'Fn::Join') return (this.resolve(arg[1]) as unknown[]).join(arg[0]);
      if (key === 'Fn::Select') return this.resolve(arg[1])[Number(arg[0])];
      if (key === 'Fn::Split') return String(this.resolve(arg[1])).split(arg[0]);
      if (key.startsWith('Fn::')) throw new Error(`the local runtime does not resolve ${key}`);
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(value[k])]));
  }

  private ref(name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': LOCAL_REGION,
      'AWS::AccountId': LOCAL_ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': 'Forlob',
    };
    if (pseudo[name]) return pseudo[name];
    const resource = this.template.Resources[name];
    if (!resource) throw new Error(`no resource ${name} in the template`);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        return name;
      case 'AWS::StepFunctions::StateMachine':
        return stateMachineArn(resource.Properties.StateMachineName ?? name);
      case 'AWS::StepFunctions::StateMachineAlias':
        return `${this.aliasTarget(name).arn}:${resource.Properties.Name}`;
      case 'AWS::SecretsManager::Secret':
        return `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${name}`;
      case 'AWS::Lambda::Function':
        return name;
      default:
        return name;
    }
  }

  private getAtt(name: string, attribute: string): string {
    const resource = this.template.Resources[name];
    if (!resource) throw new Error(`no resource ${name} in the template`);
    if (resource.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return lambdaArn(name);
    if (resource.Type === 'AWS::DynamoDB::Table' && attribute === 'Arn') return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${name}`;
    if (resource.Type === 'AWS::StepFunctions::StateMachineVersion' && attribute === 'Arn') return this.ref(resource.Properties.StateMachineArn.Ref);
    if (resource.Type === 'AWS::StepFunctions::StateMachineAlias' && attribute === 'Arn') return this.ref(name);
    throw new Error(`the local runtime does not resolve ${name}.${attribute}`);
  }

  private aliasTarget(aliasLogicalId: string): { arn: string } {
    const alias = this.template.Resources[aliasLogicalId]!;
    const versionRef = alias.Properties.RoutingConfiguration[0].StateMachineVersionArn;
    const versionId = versionRef['Fn::GetAtt']?.[0] ?? versionRef.Ref;
    const version = this.template.Resources[versionId]!;
    return { arn: this.ref(version.Properties.StateMachineArn.Ref) };
  }

  tables(): CreateTableCommandInput[] {
    return this.resources('AWS::DynamoDB::Table').map(([logicalId, r]) => ({
      TableName: logicalId,
      KeySchema: r.Properties.KeySchema,
      AttributeDefinitions: r.Properties.AttributeDefinitions,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: r.Properties.GlobalSecondaryIndexes?.map((g: any) => ({
        IndexName: g.IndexName,
        KeySchema: g.KeySchema,
        Projection: g.Projection,
      })),
    }));
  }

  functions(): LocalFunction[] {
    return this.resources('AWS::Lambda::Function')
      .filter(([, r]) => r.Metadata?.[HANDLER_METADATA])
      .map(([logicalId, r]) => ({
        logicalId,
        arn: lambdaArn(logicalId),
        entry: r.Metadata[HANDLER_METADATA],
        environment: this.resolve(r.Properties.Environment?.Variables ?? {}),
      }));
  }

  stateMachines(): LocalStateMachine[] {
    return this.resources('AWS::StepFunctions::StateMachine').map(([logicalId, r]) => {
      const arn = this.ref(logicalId);
      const substitutions: Record<string, string> = this.resolve(r.Properties.DefinitionSubstitutions ?? {});
      let text: string = this.resolve(r.Properties.DefinitionString);
      for (const [key, value] of Object.entries(substitutions)) text = text.split('${' + key + '}').join(value);
      const aliasArns = this.resources('AWS::StepFunctions::StateMachineAlias')
        .filter(([aliasId]) => this.aliasTarget(aliasId).arn === arn)
        .map(([aliasId]) => this.ref(aliasId));
      return { logicalId, name: r.Properties.StateMachineName ?? logicalId, arn, aliasArns, definition: JSON.parse(text) };
    });
  }

  schedules(): LocalSchedule[] {
    return this.resources('AWS::Scheduler::Schedule').map(([logicalId, r]) => ({
      logicalId,
      expression: r.Properties.ScheduleExpression,
      timeZone: r.Properties.ScheduleExpressionTimezone ?? 'UTC',
      targetArn: this.resolve(r.Properties.Target.Arn),
      input: JSON.parse(r.Properties.Target.Input ?? '{}'),
    }));
  }

  routes(): LocalRoute[] {
    return this.resources('AWS::ApiGatewayV2::Route').map(([, r]) => {
      const target: string = this.resolve(r.Properties.Target);
      const integrationId = target.replace(/^integrations\//, '');
      const integration = this.template.Resources[integrationId];
      const uri = integration?.Properties.IntegrationUri;
      const functionLogicalId = uri?.['Fn::GetAtt']?.[0];
      if (!functionLogicalId) throw new Error(`route ${r.Properties.RouteKey} has no Lambda integration`);
      const [method, path] = String(r.Properties.RouteKey).split(' ') as [string, string];
      return { routeKey: r.Properties.RouteKey, method, path, authorized: r.Properties.AuthorizationType === 'JWT', functionLogicalId };
    });
  }
}
