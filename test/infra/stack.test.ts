import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/contract/routes.js';
import { ForlobFunction, type FunctionNeeds } from '../../infra/constructs/forlob-function.js';
import { ForlobStack } from '../../infra/forlob-stack.js';

/* Properties of the cloud stack that matter, asserted one by one; and cdk-nag's AwsSolutions pack. */
let stack: ForlobStack;
let template: Template;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new ForlobStack(app, 'Forlob', { env: { region: 'eu-north-1' } });
  Aspects.of(app).add(new AwsSolutionsChecks());
  app.synth();
  template = Template.fromStack(stack);
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed error or warning', () => {
    const findings = [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => `${f.id}: ${String(f.entry.data).split(':')[0]}`)).toEqual([]);
  });

  it('gives every suppression a written reason', () => {
    const suppressions = Object.values(template.toJSON().Resources as Record<string, any>).flatMap(
      (r) => r.Metadata?.cdk_nag?.rules_to_suppress ?? [],
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.length, s.id).toBeGreaterThan(20);
  });
});

describe('data', () => {
  it('keeps journey data and audit in tables with PITR, a customer-managed key and deletion protection', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(2);
    for (const table of Object.values(tables)) {
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: expect.anything() });
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('lets functions only append to the audit; only the retention function deletes, and only from it', () => {
    const policies = template.findResources('AWS::IAM::Policy') as Record<string, any>;
    const auditId = Object.keys(template.findResources('AWS::DynamoDB::Table')).find((id) => id.startsWith('DataAudit'))!;
    const onAudit = (ids: string[]) =>
      ids
        .flatMap((id) => policies[id].Properties.PolicyDocument.Statement)
        .filter((s: any) => JSON.stringify(s.Resource).includes(auditId) && JSON.stringify(s.Action).includes('dynamodb'));
    const retentionPolicy = Object.keys(policies).filter((id) => id.startsWith('RetentionTasks'));
    const others = onAudit(Object.keys(policies).filter((id) => !retentionPolicy.includes(id)));
    expect(others.length).toBeGreaterThan(0);
    for (const statement of others) expect(statement.Action).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    expect(onAudit(retentionPolicy).map((s: any) => s.Action)).toEqual([['dynamodb:PutItem', 'dynamodb:Query'], 'dynamodb:Query', 'dynamodb:DeleteItem']);
    // The query by time is on the audit's time index only.
    expect(JSON.stringify(onAudit(retentionPolicy)[1].Resource)).toContain('/index/byTime');
  });
});

describe('grants', () => {
  const policies = () => Object.values(template.findResources('AWS::IAM::Policy')) as any[];
  /** The handler of each of our functions, by its role's logical id. */
  const handlerByRole = () =>
    new Map(
      (Object.values(template.findResources('AWS::Lambda::Function')) as any[])
        .filter((f) => f.Metadata?.['forlob:handler'])
        .map((f) => [f.Properties.Role['Fn::GetAtt'][0] as string, f.Metadata['forlob:handler'] as string]),
    );
  /** The handlers whose role has a statement with this action on a resource naming `resource`. */
  const handlersAllowed = (action: string, resource = '') =>
    policies()
      .filter((p) => p.Properties.PolicyDocument.Statement.some((s: any) => [s.Action].flat().includes(action) && JSON.stringify(s.Resource).includes(resource)))
      .flatMap((p) => p.Properties.Roles.map((r: any) => handlerByRole().get(r.Ref) ?? r.Ref))
      .sort();
  const secretId = () => Object.keys(template.findResources('AWS::SecretsManager::Secret')).find((id) => id.startsWith('DataCprSecret'))!;

  it('lets only the functions that encrypt, decrypt or hash a CPR read the CPR secret', () => {
    const cprHandlers = ['functions/api/coordination.ts', 'functions/api/programmes.ts', 'functions/workflow/retention-tasks.ts'];
    expect(handlersAllowed('secretsmanager:GetSecretValue', secretId()).sort()).toEqual(cprHandlers);
    // Any other secret read is the export key's, by the export's tasks alone.
    expect(handlersAllowed('secretsmanager:GetSecretValue').sort()).toEqual([...cprHandlers, 'functions/workflow/export-tasks.ts'].sort());
    // No resource policy on the secret opens it to anyone else.
    expect(template.findResources('AWS::SecretsManager::ResourcePolicy')).toEqual({});
    const named = (Object.values(template.findResources('AWS::Lambda::Function')) as any[]).filter((f) => f.Properties.Environment?.Variables?.CPR_SECRET_ARN);
    expect(named.map((f) => f.Metadata['forlob:handler']).sort()).toEqual(cprHandlers);
  });

  it('grants the CPR secret only to handlers whose code reaches the CPR vault', async () => {
    const { build } = await import('esbuild');
    for (const handler of handlersAllowed('secretsmanager:GetSecretValue', secretId())) {
      const { metafile } = await build({ entryPoints: [handler], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
      expect(Object.keys(metafile.inputs), handler).toContain('functions/platform/cpr-vault.ts');
    }
  });

  it('grants every function what it declares it needs, and nothing it does not declare', () => {
    const declared = stack.node.findAll().filter((c): c is ForlobFunction => c instanceof ForlobFunction);
    expect(declared.length).toBe(handlerByRole().size);
    const entry = (f: ForlobFunction) => (f.fn.node.defaultChild as any).getMetadata('forlob:handler') as string;
    const which = (has: (n: FunctionNeeds) => unknown) => declared.filter((f) => has(f.needs)).map(entry).sort();
    expect(handlersAllowed('secretsmanager:GetSecretValue')).toEqual(which((n) => n.cprSecret || n.exportKey));
    expect(handlersAllowed('ses:SendEmail')).toEqual(which((n) => n.mail));
    expect(handlersAllowed('cognito-idp:AdminCreateUser')).toEqual(which((n) => n.userAdmin));
    expect(handlersAllowed('dynamodb:PutItem', 'DataJourneyData')).toEqual(which((n) => n.table === 'read-write'));
    expect(handlersAllowed('dynamodb:GetItem', 'DataJourneyData')).toEqual(which((n) => n.table));
    expect(handlersAllowed('dynamodb:PutItem', 'DataAudit')).toEqual(which((n) => n.audit));
    expect(handlersAllowed('dynamodb:DeleteItem', 'DataAudit')).toEqual(which((n) => n.audit === 'expire'));
    for (const [key, name] of [['journey', 'WorkflowsJourney'], ['attendanceWatch', 'WorkflowsAttendanceWatch'], ['safetyWatch', 'WorkflowsSafetyWatch'], ['import', 'WorkflowsImport']] as const) {
      const machine = Object.keys(template.findResources('AWS::StepFunctions::StateMachine')).find((id) => id.startsWith(name) && !id.includes('Live'))!;
      const uses = (n: FunctionNeeds) => n.stateMachines?.[key];
      expect(handlersAllowed('states:StartExecution', machine), key).toEqual(which((n) => uses(n) === 'control' || uses(n) === 'start'));
      expect(handlersAllowed('states:SendTaskFailure', machine), key).toEqual(which((n) => uses(n) === 'control'));
    }
    expect(handlersAllowed('states:SendTaskSuccess', ':stateMachine:forlob-journey')).toEqual(['functions/workflow/journey-tasks.ts']);
    expect(handlersAllowed('states:SendTaskSuccess', ':stateMachine:forlob-attendance-watch')).toEqual(['functions/workflow/watch-tasks.ts']);
    // The documentation's function is granted nothing beyond its logs and traces.
    expect(policies().filter((p) => p.Properties.Roles.some((r: any) => handlerByRole().get(r.Ref) === 'functions/api/documentation.ts')).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()))).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
  });
});

describe("the authorizer's 401s", () => {
  it('reach the function that audits them through a subscription on the access log, and the log names the path', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as any;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ routeKey: '$context.routeKey', path: '$context.path', status: '$context.status' });
    const filters = Object.values(template.findResources('AWS::Logs::SubscriptionFilter')) as any[];
    expect(filters).toHaveLength(1);
    expect(filters[0].Properties.FilterPattern).toBe('{ $.status = "401" }');
    expect(filters[0].Properties.LogGroupName.Ref).toBe(stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]);
    const target = filters[0].Properties.DestinationArn['Fn::GetAtt'][0];
    expect(template.toJSON().Resources[target].Metadata['forlob:handler']).toBe('functions/api/refused-requests.ts');
  });
});

describe('functions', () => {
  it('runs every handler on Node 22, arm64, with tracing and its own log group', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as any[];
    const ours = functions.filter((f) => f.Metadata?.['forlob:handler']);
    expect(ours.map((f) => f.Metadata['forlob:handler']).sort()).toEqual([
      'functions/api/appointments.ts',
      'functions/api/coordination.ts',
      'functions/api/documentation.ts',
      'functions/api/enrolments.ts',
      'functions/api/exports.ts',
      'functions/api/internships.ts',
      'functions/api/meetings.ts',
      'functions/api/offers.ts',
      'functions/api/plans.ts',
      'functions/api/programmes.ts',
      'functions/api/refused-requests.ts',
      'functions/api/users.ts',
      'functions/workflow/digest-tasks.ts',
      'functions/workflow/export-tasks.ts',
      'functions/workflow/import-tasks.ts',
      'functions/workflow/journey-tasks.ts',
      'functions/workflow/retention-tasks.ts',
      'functions/workflow/watch-tasks.ts',
    ]);
    for (const f of ours) {
      expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(f.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
  });
});

describe('api', () => {
  it('has one route per contract route, behind the Cognito JWT authorizer unless public', () => {
    const apiRoutes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as any[];
    expect(apiRoutes.map((r) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of apiRoutes) {
      const isPublic = ['GET /health', 'GET /openapi.json'].includes(route.Properties.RouteKey);
      expect(route.Properties.AuthorizationType, route.Properties.RouteKey).toBe(isPublic ? 'NONE' : 'JWT');
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });

  it("gives the users function the pool's id and only the admin calls it needs on that pool", () => {
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    const usersFn = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (f: any) => f.Metadata?.['forlob:handler'] === 'functions/api/users.ts',
    ) as any;
    expect(usersFn.Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: poolId });
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const cognito = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('cognito-idp:')));
    expect(cognito).toEqual([
      expect.objectContaining({
        Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser'],
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      }),
    ]);
  });
});

describe('workflows', () => {
  it('starts the digest workflow daily at midnight in Copenhagen, which waits for the users’ digest times', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 0 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Copenhagen',
      Target: { Arn: { Ref: Match.stringLikeRegexp('^WorkflowsDigestLive') } },
    });
  });

  it('deploys the journey and the watches as Standard state machines whose names and logical ids stay stable', () => {
    const machines = template.findResources('AWS::StepFunctions::StateMachine');
    // Renaming either would break executions in flight: change them only with a migration.
    expect(Object.fromEntries(Object.entries(machines).map(([id, m]) => [id, m.Properties.StateMachineName]))).toEqual({
      WorkflowsJourneyD8A30DC9: 'forlob-journey',
      WorkflowsAttendanceWatch4B2F607C: 'forlob-attendance-watch',
      WorkflowsSafetyWatch7D8AEE78: 'forlob-safety-watch',
      [Object.keys(machines).find((id) => id.startsWith('WorkflowsImport'))!]: 'forlob-import',
      WorkflowsRetention8D29614E: 'forlob-retention',
      WorkflowsExport098B5B4D: 'forlob-export',
      WorkflowsDigest6D051D42: 'forlob-digest',
    });
    for (const machine of Object.values(machines)) {
      expect(machine.Properties).toMatchObject({ StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true } });
      expect(machine.DeletionPolicy).toBe('Retain');
    }
    const journey = machines['WorkflowsJourneyD8A30DC9']!;
    expect(journey.Properties).toMatchObject({ StateMachineName: 'forlob-journey', StateMachineType: 'STANDARD', TracingConfiguration: { Enabled: true } });
    expect(journey.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', { Name: 'live' });
    template.hasResource('AWS::StepFunctions::StateMachineVersion', { DeletionPolicy: 'Retain' });
  });

  it('starts journeys and watches through their live aliases', () => {
    const api = (Object.values(template.findResources('AWS::Lambda::Function')) as any[]).find((f) => f.Metadata?.['forlob:handler'] === 'functions/api/programmes.ts');
    expect(api.Properties.Environment.Variables.JOURNEY_STATE_MACHINE_ARN).toEqual({ Ref: 'WorkflowsJourneyLiveB4086EC6' });
    const appointments = (Object.values(template.findResources('AWS::Lambda::Function')) as any[]).find((f) => f.Metadata?.['forlob:handler'] === 'functions/api/appointments.ts');
    expect(appointments.Properties.Environment.Variables).toMatchObject({
      ATTENDANCE_WATCH_STATE_MACHINE_ARN: { Ref: expect.stringMatching(/^WorkflowsAttendanceWatchLive/) },
      SAFETY_WATCH_STATE_MACHINE_ARN: { Ref: expect.stringMatching(/^WorkflowsSafetyWatchLive/) },
    });
  });
});

describe('imports', () => {
  const functionOf = (entry: string) => Object.entries(template.findResources('AWS::Lambda::Function')).find(([, f]) => f.Metadata?.['forlob:handler'] === entry)!;
  const policiesOf = (logicalId: string) =>
    (Object.values(template.findResources('AWS::IAM::Policy')) as any[])
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(logicalId.replace(/[0-9A-F]{8}$/, '')))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);

  it('starts a large import’s workflow through its live alias; the workflow runs the import tasks, which may start journeys', () => {
    const [, api] = functionOf('functions/api/programmes.ts');
    expect(api.Properties.Environment.Variables.IMPORT_STATE_MACHINE_ARN).toEqual({ Ref: expect.stringMatching(/^WorkflowsImportLive/) });
    const [tasksId, tasks] = functionOf('functions/workflow/import-tasks.ts');
    expect(tasks.Properties.Environment.Variables.JOURNEY_STATE_MACHINE_ARN).toEqual({ Ref: 'WorkflowsJourneyLiveB4086EC6' });
    const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine')).find((m: any) => m.Properties.StateMachineName === 'forlob-import') as any;
    expect(JSON.stringify(machine.Properties.DefinitionSubstitutions)).toContain(tasksId);
    const taskActions = policiesOf(tasksId).flatMap((s: any) => [s.Action].flat());
    expect(taskActions).toContain('states:StartExecution');
    expect(taskActions).not.toContain('secretsmanager:GetSecretValue');
  });
});

describe('retention', () => {
  it('starts the retention state machine daily at 02:00 Europe/Copenhagen through its live alias, with a dead-letter queue', () => {
    const schedules = (Object.values(template.findResources('AWS::Scheduler::Schedule')) as any[]).filter((s) => s.Properties.Target.Arn.Ref.startsWith('WorkflowsRetention'));
    expect(schedules).toHaveLength(1);
    const [schedule] = schedules;
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Copenhagen',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: { Ref: expect.stringMatching(/^WorkflowsRetentionLive/) }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^WorkflowsRetentionScheduleDeadLetters/), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('starts the export state machine daily at 03:00 Europe/Copenhagen through its live alias, for the monthly exports due', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Copenhagen',
      Target: { Arn: { Ref: Match.stringLikeRegexp('^WorkflowsExportLive') }, Input: '{}' },
    });
  });

  it("gives the schedule's role, assumable by the scheduler of this account only, nothing but starting the retention run and its dead letters", () => {
    const roles = template.findResources('AWS::IAM::Role') as Record<string, any>;
    const [roleId, role] = Object.entries(roles).find(([id]) => id.startsWith('WorkflowsRetentionScheduleRole'))!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': expect.anything() } } }),
    ]);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleId)) as any;
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements.map((s: any) => s.Action)).toEqual(['states:StartExecution', 'sqs:SendMessage']);
    expect(JSON.stringify(statements[0].Resource)).toMatch(/WorkflowsRetentionLive/);
    expect(JSON.stringify(statements[1].Resource)).toMatch(/WorkflowsRetentionScheduleDeadLetters/);
  });

  it('indexes the audit by time, in shards, for the audit retention', () => {
    const audit = Object.entries(template.findResources('AWS::DynamoDB::Table')).find(([id]) => id.startsWith('DataAudit'))![1] as any;
    expect(audit.Properties.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({ IndexName: 'byTime', KeySchema: [{ AttributeName: 'timeShard', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }] }),
    ]);
  });
});

describe('web', () => {
  it('serves the front end from a private, encrypted bucket through CloudFront with origin access control', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    const site = Object.values(template.findResources('AWS::S3::Bucket')).find((b: any) => b.Properties.LoggingConfiguration) as any;
    expect(site.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(site.Properties.BucketEncryption).toBeDefined();
  });

  it('deploys the files with a config.json naming the API and the hosted UI, whose client has the code flow back to the site', () => {
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0] as any;
    expect(deployment.Properties.SourceMarkers.length).toBe(2);
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toMatch(/ApiHttp[0-9A-F]{8}/); // the API endpoint, resolved at deploy time
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
  });
});

describe('operations', () => {
  const alarms = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
  const topicId = () => Object.keys(template.findResources('AWS::SNS::Topic')).find((id) => id.startsWith('OperationsAlarmTopic'))!;
  const alarmsOn = (namespace: string, metric: string) => alarms().filter((a) => a.Properties.Namespace === namespace && a.Properties.MetricName === metric);

  it('names the encrypted alarm topic in the outputs, and every alarm notifies it', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    expect(topics[topicId()]!.Properties.KmsMasterKeyId).toBeDefined();
    expect(template.findOutputs('OperationsAlarmTopic')['OperationsAlarmTopic']?.Value).toEqual({ Ref: topicId() });
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId() }]);
  });

  it('alarms on every state machine’s failed, timed-out and aborted executions', () => {
    const machines = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines.length).toBeGreaterThanOrEqual(3);
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      const covered = alarmsOn('AWS/States', metric).map((a) => a.Properties.Dimensions[0].Value.Ref);
      expect(covered.sort(), metric).toEqual([...machines].sort());
    }
  });

  it('alarms on every function’s errors and throttles', () => {
    const functions = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, f]) => f.Metadata?.['forlob:handler'])
      .map(([id]) => id);
    for (const metric of ['Errors', 'Throttles']) {
      const covered = alarmsOn('AWS/Lambda', metric).map((a) => a.Properties.Dimensions[0].Value.Ref);
      expect(covered.sort(), metric).toEqual([...functions].sort());
    }
  });

  it('gives every schedule a dead-letter queue, and alarms on the depth of every queue', () => {
    for (const schedule of Object.values(template.findResources('AWS::Scheduler::Schedule')) as any[]) {
      expect(schedule.Properties.Target.DeadLetterConfig?.Arn).toBeDefined();
    }
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThan(0);
    const watched = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map((a) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0]);
    expect(watched.sort()).toEqual([...queues].sort());
  });
});

describe('web and api across origins', () => {
  it('lets only the distribution’s origin call the API cross-origin, and the CSP lets the app reach the API and Cognito', () => {
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    const api = Object.values(template.findResources('AWS::ApiGatewayV2::Api'))[0] as any;
    expect(api.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
      AllowHeaders: ['authorization', 'content-type'],
      AllowCredentials: false,
    });
    const policy = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as any;
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toMatchObject({
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
    });
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'; style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self' https://*.execute-api.eu-north-1.");
    expect(csp).toContain('amazoncognito.com');
  });
});

describe('exports', () => {
  const exportBucket = () => Object.entries(template.findResources('AWS::S3::Bucket')).find(([id]) => id.startsWith('DataExports'))!;

  it('keeps export files in a KMS-encrypted, private bucket that logs access and expires them', () => {
    const [, bucket] = exportBucket();
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({ ExpirationInDays: 30, Status: 'Enabled' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: exportBucket()[0] },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets the export tasks write files and the API only read them, and gives neither the CPR secret', () => {
    const lambdas = Object.values(template.findResources('AWS::Lambda::Function')) as any[];
    const of = (handler: string) => lambdas.find((f) => f.Metadata?.['forlob:handler'] === handler).Properties.Environment.Variables;
    expect(of('functions/workflow/export-tasks.ts')).toMatchObject({ EXPORT_STORE: expect.anything(), EXPORT_KEY_ARN: expect.anything() });
    expect(of('functions/workflow/export-tasks.ts').CPR_SECRET_ARN).toBeUndefined();
    expect(of('functions/api/exports.ts').CPR_SECRET_ARN).toBeUndefined();
    expect(of('functions/api/exports.ts').EXPORT_KEY_ARN).toBeUndefined();
    expect(of('functions/api/exports.ts').EXPORT_STATE_MACHINE_ARN).toEqual({ Ref: expect.stringMatching(/^WorkflowsExportLive/) });
  });
});
