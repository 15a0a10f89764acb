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
import type { ForlobFunction } from './forlob-function.js';

export const JOURNEY_STATE_MACHINE_NAME = 'forlob-journey';
export const IMPORT_STATE_MACHINE_NAME = 'forlob-import';
export const WATCH_STATE_MACHINE_NAMES: Record<WatchKind, string> = { attendance: 'forlob-attendance-watch', safety: 'forlob-safety-watch' };
export const RETENTION_STATE_MACHINE_NAME = 'forlob-retention';
/** Daily at 02:00 in Copenhagen, when nobody works: the retention run erases and deletes what fell due. */
export const RETENTION_SCHEDULE = { expression: 'cron(0 2 * * ? *)', timeZone: 'Europe/Copenhagen' };

export interface ForlobWorkflowsProps {
  journeyTasks: ForlobFunction;
  watchTasks: ForlobFunction;
  importTasks: ForlobFunction;
  retentionTasks: ForlobFunction;
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
    this.journey.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [this.journeyArnByName()] }));
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

  /** A watch state machine's ARN from its fixed name, for its own task function's policy (no circular reference). */
  watchArnByName(kind: WatchKind): string {
    return Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: WATCH_STATE_MACHINE_NAMES[kind], arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  /** Lets a function start watches (through their aliases) and signal them. */
  grantWatchControl(fn: ForlobFunction): void {
    for (const [kind, watch] of Object.entries(this.watches) as [WatchKind, Watch][]) {
      fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [watch.alias.ref, watch.machine.stateMachineArn] }));
      fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [watch.machine.stateMachineArn] }));
      fn.setEnvironment(kind === 'attendance' ? 'ATTENDANCE_WATCH_STATE_MACHINE_ARN' : 'SAFETY_WATCH_STATE_MACHINE_ARN', watch.alias.ref);
    }
  }

  /**
   * The journey state machine's ARN built from its fixed name, for policies of resources the state machine
   * itself depends on (its task function), where a reference would be circular.
   */
  journeyArnByName(): string {
    return Stack.of(this).formatArn({ service: 'states', resource: 'stateMachine', resourceName: JOURNEY_STATE_MACHINE_NAME, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  }

  /** Lets a function start the workflow of a large import (through its alias). */
  grantImportStart(fn: ForlobFunction): void {
    fn.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [this.import.alias.ref, this.import.machine.stateMachineArn] }));
    fn.setEnvironment('IMPORT_STATE_MACHINE_ARN', this.import.alias.ref);
  }

  /** Lets a function start journeys (through the alias) and signal their waiting steps. */
  grantJourneyControl(fn: ForlobFunction): void {
    fn.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [this.journeyAlias.ref, this.journey.stateMachineArn] }),
    );
    fn.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: [this.journey.stateMachineArn] }),
    );
    fn.setEnvironment('JOURNEY_STATE_MACHINE_ARN', this.journeyAlias.ref);
  }
}
