import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { AUDIT_TIME_INDEX } from '../../functions/store/keys.js';
import type { ForlobData } from './data.js';

/** The repository root: handler entries are named relative to it, for CDK and for the local runtime alike. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Metadata key that tells the local runtime which module CDK bundled for a function. */
export const HANDLER_METADATA = 'forlob:handler';

/** Some bundled CommonJS dependencies call require(); the ESM bundle gets one (also used by bench/bundles.ts). */
export const BUNDLE_BANNER = "import { createRequire as __forlobRequire } from 'module'; const require = __forlobRequire(import.meta.url);";

/** The state machines a function may declare it uses (infra/constructs/workflows.ts). */
export type StateMachineKey = 'journey' | 'attendanceWatch' | 'safetyWatch' | 'import' | 'export';

/**
 * What a function needs, and so all it is granted (with the environment variables naming those resources):
 * no grant is written by hand elsewhere.
 */
export interface FunctionNeeds {
  /** The journey-data table. */
  table?: 'read' | 'read-write';
  /** The audit: append entries and read them back, or also delete those past retention (the retention run). */
  audit?: 'append' | 'expire';
  /** The secret CPR numbers are encrypted and hashed with: only for functions that encrypt, decrypt or hash one. */
  cprSecret?: true;
  /**
   * Per state machine: `control` starts executions (through the live alias) and signals their waiting steps;
   * `start` only starts them; `signal` only signals, by the machine's name, for its own task function (a
   * reference would be circular).
   */
  stateMachines?: Partial<Record<StateMachineKey, 'control' | 'start' | 'signal'>>;
  /** Sends e-mail through SES (notifications that go out at once). */
  mail?: true;
  /** Creates, disables and enables the user pool's users (infra/constructs/api.ts). */
  userAdmin?: true;
  /** The exports bucket: write the files (the export workflow), or read them to sign download URLs (the API). */
  exportFiles?: 'write' | 'read';
  /** The key of the exports' pseudonyms (never the CPR secret: an export decrypts nothing). */
  exportKey?: true;
}

export interface ForlobFunctionProps {
  /** The handler module, relative to the repository root, e.g. `functions/api/users.ts`. */
  entry: string;
  description: string;
  /** Where the table, the audit and the CPR secret are, for the needs that name them. */
  data: ForlobData;
  needs: FunctionNeeds;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * Every Lambda function of Forløb, with its defaults fixed in one place:
 * - Node 22 on arm64: the current LTS runtime, and Graviton is cheaper per millisecond;
 * - ESM bundle by the local esbuild, minified, with source maps, AWS SDK bundled and tree-shaken so cold
 *   starts do not load the whole SDK that ships with the runtime;
 * - its own log group with a retention, so logs (which never carry personal data) do not live for ever;
 * - X-Ray tracing on; permissions only from its declared `needs` (data here, state machines and the user
 *   pool by the constructs that make them).
 */
export class ForlobFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly needs: FunctionNeeds;

  constructor(scope: Construct, id: string, props: ForlobFunctionProps) {
    super(scope, id);
    this.needs = props.needs;
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${props.entry}`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      tracing: Tracing.ACTIVE,
      logGroup,
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'forlob',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        externalModules: [],
        banner: BUNDLE_BANNER,
      },
    });
    (this.fn.node.defaultChild as CfnFunction).addMetadata(HANDLER_METADATA, props.entry);
    NagSuppressions.addResourceSuppressions(
      this.fn,
      [
        { id: 'AwsSolutions-IAM4', reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs.', appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'] },
        { id: 'AwsSolutions-IAM5', reason: 'X-Ray trace segments cannot be scoped to a resource.', appliesTo: ['Resource::*'] },
        { id: 'AwsSolutions-L1', reason: 'Node.js 22 is the runtime the project targets and tests (design.md); upgrading is a deliberate step.' },
      ],
      true,
    );
    this.grantData(props.data, props.needs);
  }

  setEnvironment(name: string, value: string): void {
    this.fn.addEnvironment(name, value);
  }

  private grantData(data: ForlobData, needs: FunctionNeeds): void {
    if (needs.table) {
      if (needs.table === 'read') data.table.grantReadData(this.fn);
      else data.table.grantReadWriteData(this.fn);
      this.setEnvironment('DATA_TABLE', data.table.tableName);
      this.suppressIndexWildcard();
    }
    if (needs.audit) {
      // The audit is append-only: functions may add entries and read them, never change or delete one...
      this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:Query'], resources: [data.audit.tableArn] }));
      data.audit.encryptionKey?.grantEncryptDecrypt(this.fn);
      this.setEnvironment('AUDIT_TABLE', data.audit.tableName);
    }
    if (needs.audit === 'expire') {
      // ...but for its retention, which reads entries by time and deletes those past it.
      this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${data.audit.tableArn}/index/${AUDIT_TIME_INDEX}`] }));
      this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DeleteItem'], resources: [data.audit.tableArn] }));
    }
    if (needs.cprSecret) {
      data.cprSecret.grantRead(this.fn);
      this.setEnvironment('CPR_SECRET_ARN', data.cprSecret.secretArn);
    }
    if (needs.exportFiles) {
      if (needs.exportFiles === 'write') data.exportBucket.grantPut(this.fn);
      else data.exportBucket.grantRead(this.fn);
      this.setEnvironment('EXPORT_STORE', `s3://${data.exportBucket.bucketName}`);
      NagSuppressions.addResourceSuppressions(
        this.fn,
        [{ id: 'AwsSolutions-IAM5', reason: 'Objects of the exports bucket (one prefix per export) and KMS data-key actions on its key.' }],
        true,
      );
    }
    if (needs.exportKey) {
      data.exportKeySecret.grantRead(this.fn);
      this.setEnvironment('EXPORT_KEY_ARN', data.exportKeySecret.secretArn);
    }
    if (needs.mail) this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }));
  }

  private suppressIndexWildcard(): void {
    NagSuppressions.addResourceSuppressions(
      this.fn,
      [{ id: 'AwsSolutions-IAM5', reason: 'Queries on the table’s own secondary indexes (index/*) and KMS data-key actions on its key.' }],
      true,
    );
  }
}

