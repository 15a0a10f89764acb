import { RemovalPolicy, Stack, ArnFormat, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnStateMachineAlias, CfnStateMachineVersion, DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { journeyDefinition } from '../../workflows/journey.js';
import { importDefinition } from '../../workflows/import.js';
import { watchDefinition, type WatchKind } from '../../workflows/watch.js';
import { retentionDefinition } from '../../workflows/retention.js';
import { exportDefinition } from '../../workflows/export.js';
import { digestDefinition } from '../../workflows/digest.js';
import type { ForlobFunction, StateMachineKey } from './forlob-function.js';

export const JOURNEY_STATE_MACHINE_NAME = 'forlob-journey';
export const IMPORT_STATE_MACHINE_NAME = 'forlob-import';
export const WATCH_STATE_MACHINE_NAMES: Record<WatchKind, string> = { attendance: 'forlob-attendance-watch', safety: 'forlob-safety-watch' };
export const RETENTION_STATE_MACHINE_NAME = 'forlob-retention';
/** Daily at 02:00 in Copenhagen, when nobody works: the retention run erases and deletes what fell due. */
export const RETENTION_SCHEDULE = { expression: 'cron(0 2 * * ? *)', timeZone: 'Europe/Copenhagen' };
export const EXPORT_STATE_MACHINE_NAME = 'forlob-export';
/**
 * Daily at 03:00 in Copenhagen the export workflow starts the monthly exports whose day has come: one schedule
 * for every programme's `PUT /programmes/{id}/export-schedule`, which keeps them as data (no schedule, role
 * or quota per programme, and the same on the local clock).
 */
export const EXPORT_SCHEDULE = { expression: 'cron(0 3 * * ? *)', timeZone: 'Europe/Copenhagen' };

export const DIGEST_STATE_MACHINE_NAME = 'forlob-digest';
/** Daily at midnight in Copenhagen the digest workflow starts, and waits for each of the day's digest times (users' `digestTime`). */
export const DIGEST_SCHEDULE = { expression: 'cron(0 0 * * ? *)', timeZone: 'Europe/Copenhagen' };

export interface ForlobWorkflowsProps {
  journeyTasks: ForlobFunction;
  watchTasks: ForlobFunction;
  importTasks: ForlobFunction;
  retentionTasks: ForlobFunction;
  exportTasks: ForlobFunction;
  digestTasks: ForlobFunction;
  /** Every function: each is granted what it declares of these state machines (`needs.stateMachines`). */
  functions: ForlobFunction[];
}

/** A state machine with the `live` alias of its published version. */
interface PublishedMachine {
  machine: StateMachine;
  alias: CfnStateMachineAlias;
}
type Watch = PublishedMachine;

/**
 * The state machines, from their one definition in workflows/. Executions start through the `live` alias
 * of a published version, so a deployment never changes the definition under an execution in flight;
 * old versions are retained.
 */
export class ForlobWorkflows extends Construct {
  readonly journey: StateMachine;
  readonly journeyAlias: CfnStateMachineAlias;
  readonly watches: Record<WatchKind, Watch>;
  /** Large imports, chunk by chunk (`workflows/import.ts`). */
  readonly import: PublishedMachine;
  readonly retention: PublishedMachine;
  readonly retentionSchedule: CfnSchedule;
  /** Evaluation exports (`workflows/export.ts`), on demand and by the daily schedule of the monthly ones. */
  readonly export: PublishedMachine;
  readonly exportSchedule: CfnSchedule;
  /** The daily worklist digests (`workflows/digest.ts`). */
  readonly digest: PublishedMachine;
  readonly digestSchedule: CfnSchedule;

  constructor(scope: Construct, id: string, props: ForlobWorkflowsProps) {
    super(scope, id);
    const logs = new LogGroup(this, 'ExecutionLogs', { retention: RetentionDays.SIX_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    this.journey = new StateMachine(this, 'Journey', {
      stateMachineName: JOURNEY_STATE_MACHINE_NAME,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(JSON.stringify(journeyDefinition)),
      definitionSubstitutions: { JourneyTasksArn: props.journeyTasks.fn.functionArn },
      tracingEnabled: true,
      // Every event is logged for operators, without execution data: payloads stay out of the logs.
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    props.journeyTasks.fn.grantInvoke(this.journey);
    // Continue-as-new starts the next generation of the same state machine.
    this.journey.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [this.arnByName(JOURNEY_STATE_MACHINE_NAME)] }));
    const version = new CfnStateMachineVersion(this, 'JourneyVersion', {
      stateMachineArn: this.journey.stateMachineArn,
      stateMachineRevisionId: this.journey.stateMachineRevisionId,
    });
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.journeyAlias = new CfnStateMachineAlias(this, 'JourneyLive', {
      name: 'live',
      routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }],
    });
    NagSuppressions.addResourceSuppressions(
      this.journey,
      [{ id: 'AwsSolutions-IAM5', reason: 'Invoking the task function’s versions (:*) and X-Ray segment writes, which take no resource.' }],
      true,
    );
    this.watches = {
      attendance: this.watch('attendance', 'AttendanceWatch', logs, props.watchTasks),
      safety: this.watch('safety', 'SafetyWatch', logs, props.watchTasks),
    };
    this.import = this.published('Import', IMPORT_STATE_MACHINE_NAME, JSON.stringify(importDefinition), { ImportTasksArn: props.importTasks.fn.functionArn }, logs, props.importTasks);
    this.retention = this.published('Retention', RETENTION_STATE_MACHINE_NAME, JSON.stringify(retentionDefinition), { RetentionTasksArn: props.retentionTasks.fn.functionArn }, logs, props.retentionTasks);
    this.retentionSchedule = this.schedule('RetentionSchedule', this.retention, RETENTION_SCHEDULE, 'Forløb: the daily retention run (erasure and audit retention)');
    this.export = this.published('Export', EXPORT_STATE_MACHINE_NAME, JSON.stringify(exportDefinition), { ExportTasksArn: props.exportTasks.fn.functionArn }, logs, props.exportTasks);
    this.exportSchedule = this.schedule('ExportSchedule', this.export, EXPORT_SCHEDULE, 'Forløb: starts the monthly evaluation exports whose day has come');
    this.digest = this.published('Digest', DIGEST_STATE_MACHINE_NAME, JSON.stringify(digestDefinition), { DigestTasksArn: props.digestTasks.fn.functionArn }, logs, props.digestTasks);
    this.digestSchedule = this.schedule('DigestSchedule', this.digest, DIGEST_SCHEDULE, 'Forløb: the daily worklist digest e-mails, each at the digest time of its user');
    for (const fn of props.functions) this.grantDeclared(fn);
  }

  /**
   * A schedule that starts a state machine through its live alias, with its own role (may start that state
   * machine and put into the schedule's dead-letter queue, nothing else) and a dead-letter queue for starts
   * that failed after the retries, so a missed run is seen, not lost.
   */
  private schedule(id: string, target: PublishedMachine, at: { expression: string; timeZone: string }, description: string): CfnSchedule {
    const deadLetters = new Queue(this, `${id}DeadLetters`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    NagSuppressions.addResourceSuppressions(deadLetters, [{ id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of a schedule’s target; it has none of its own.' }]);
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
      description: `${description}: starts its state machine`,
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [target.alias.ref, target.machine.stateMachineArn] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }));
    return new CfnSchedule(this, id, {
      description,
      scheduleExpression: at.expression,
      scheduleExpressionTimezone: at.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: target.alias.ref,
        roleArn: role.roleArn,
        input: '{}',
        retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: 6 * 60 * 60 },
        deadLetterConfig: { arn: deadLetters.queueArn },
      },
    });
  }

  /** A watch state machine, published and started through its `live` alias like the journey. */
  private watch(kind: WatchKind, id: string, logs: LogGroup, tasks: ForlobFunction): Watch {
    return this.published(id, WATCH_STATE_MACHINE_NAMES[kind], JSON.stringify(watchDefinition(kind)), { WatchTasksArn: tasks.fn.functionArn }, logs, tasks);
  }

  /** A state machine from its definition, published and started through its `live` alias like the journey. */
  private published(id: string, name: string, definition: string, substitutions: Record<string, string>, logs: LogGroup, tasks: ForlobFunction): PublishedMachine {
    const machine = new StateMachine(this, id, {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: substitutions,
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    tasks.fn.grantInvoke(machine);
    const version = new CfnStateMachineVersion(this, `${id}Version`, { stateMachineArn: machine.stateMachineArn, stateMachineRevisionId: machine.stateMachineRevisionId });
    version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const alias = new CfnStateMachineAlias(this, `${id}Live`, { name: 'live', routingConfiguration: [{ stateMachineVersionArn: version.attrArn, weight: 100 }] });
    NagSuppressions.addResourceSuppressions(
      machine,
      [{ id: 'AwsSolutions-IAM5', reason: 'Invoking the task function’s versions (:*) and X-Ray segment writes, which take no resource.' }],
      true,
    );
    return { machine, alias };
  }

  /** A state machine's ARN built from its fixed name, where a reference would be circular (its own task function, continue-as-new). */
  private arnByName(name: string): string {
    return Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  /** Grants a function what it declares of the state machines (`needs.stateMachines`), with the variables naming their aliases. */
  private grantDeclared(fn: ForlobFunction): void {
    const targets: Record<StateMachineKey, { name: string; machine: StateMachine; alias: CfnStateMachineAlias; variable: string }> = {
      journey: { name: JOURNEY_STATE_MACHINE_NAME, machine: this.journey, alias: this.journeyAlias, variable: 'JOURNEY_STATE_MACHINE_ARN' },
      attendanceWatch: { name: WATCH_STATE_MACHINE_NAMES.attendance, ...this.watches.attendance, variable: 'ATTENDANCE_WATCH_STATE_MACHINE_ARN' },
      safetyWatch: { name: WATCH_STATE_MACHINE_NAMES.safety, ...this.watches.safety, variable: 'SAFETY_WATCH_STATE_MACHINE_ARN' },
      import: { name: IMPORT_STATE_MACHINE_NAME, ...this.import, variable: 'IMPORT_STATE_MACHINE_ARN' },
      export: { name: EXPORT_STATE_MACHINE_NAME, ...this.export, variable: 'EXPORT_STATE_MACHINE_ARN' },
    };
    for (const [key, use] of Object.entries(fn.needs.stateMachines ?? {}) as [StateMachineKey, 'control' | 'start' | 'signal'][]) {
      const target = targets[key];
      if (use === 'signal') {
        fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.arnByName(target.name)] }));
        continue;
      }
      fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [target.alias.ref, target.machine.stateMachineArn] }));
      if (use === 'control') {
        fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [target.machine.stateMachineArn] }));
      }
      fn.setEnvironment(target.variable, target.alias.ref);
    }
  }
}
