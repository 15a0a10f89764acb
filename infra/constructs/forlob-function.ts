import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';

/** The repository root: handler entries are named relative to it, for CDK and for the local runtime alike. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Metadata key that tells the local runtime which module CDK bundled for a function. */
export const HANDLER_METADATA = 'forlob:handler';

export interface ForlobFunctionProps {
  /** The handler module, relative to the repository root, e.g. `functions/api/users.ts`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
}

/**
 * Every Lambda function of Forløb, with its defaults fixed in one place:
 * - Node 22 on arm64: the current LTS runtime, and Graviton is cheaper per millisecond;
 * - ESM bundle by the local esbuild, minified, with source maps, AWS SDK bundled and tree-shaken so cold
 *   starts do not load the whole SDK that ships with the runtime;
 * - its own log group with a retention, so logs (which never carry personal data) do not live for ever;
 * - X-Ray tracing on; permissions only by asking for them (`readData`, `writeData`, `appendAudit`).
 */
export class ForlobFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ForlobFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}${props.entry}`,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
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
        // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
        banner: "import { createRequire as __forlobRequire } from 'module'; const require = __forlobRequire(import.meta.url);",
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
  }

  setEnvironment(name: string, value: string): void {
    this.fn.addEnvironment(name, value);
  }

  readData(table: ITable): void {
    table.grantReadData(this.fn);
    this.suppressIndexWildcard();
  }

  writeData(table: ITable): void {
    table.grantReadWriteData(this.fn);
    this.suppressIndexWildcard();
  }

  /** The audit is append-only: functions may add entries and read them, never change or delete one. */
  appendAudit(table: ITable): void {
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:Query'], resources: [table.tableArn] }),
    );
    table.encryptionKey?.grantEncryptDecrypt(this.fn);
  }

  /**
   * The audit's retention: besides appending (the erasure's own entry), it reads entries by time and deletes
   * those past the retention. The one function that may delete from the audit.
   */
  expireAudit(table: ITable, timeIndex: string): void {
    this.appendAudit(table);
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${timeIndex}`] }));
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DeleteItem'], resources: [table.tableArn] }));
  }

  private suppressIndexWildcard(): void {
    NagSuppressions.addResourceSuppressions(
      this.fn,
      [{ id: 'AwsSolutions-IAM5', reason: 'Queries on the table’s own secondary indexes (index/*) and KMS data-key actions on its key.' }],
      true,
    );
  }
}

