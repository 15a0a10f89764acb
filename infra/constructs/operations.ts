import { Annotations, CfnOutput, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct, type IConstruct } from 'constructs';
import { ForlobFunction } from './forlob-function.js';

/**
 * What operators are told: one KMS-encrypted SNS topic (stack output `OperationsAlarmTopic`) that every alarm
 * notifies, and one dead-letter queue for every asynchronous event source, alarmed on its depth.
 *
 * `cover(stack)`, called once the stack is built, covers what others add without wiring: every ForlobFunction
 * gets alarms on Errors and Throttles, every state machine on ExecutionsFailed, ExecutionsTimedOut and
 * ExecutionsAborted, every SQS queue (dead letters) on its depth, and every EventBridge Scheduler schedule
 * without a dead-letter queue gets `deadLetters` (its role may send to it). An EventBridge rule target without
 * a dead-letter queue is a synth error: pass `deadLetters`.
 */
export class ForlobOperations extends Construct {
  readonly topic: Topic;
  readonly deadLetters: Queue;
  private readonly covered = new Set<IConstruct>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new Key(this, 'AlarmKey', {
      description: 'Forløb: encrypts the operations alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to an encrypted topic only if their service may use its key.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'Forløb operations alarms', masterKey: key, enforceSSL: true });
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    NagSuppressions.addResourceSuppressions(this.deadLetters, [
      { id: 'AwsSolutions-SQS3', reason: 'This queue is the dead-letter queue of the asynchronous event sources; it has none of its own.' },
    ]);
    this.alarm('DeadLettersWaiting', 'An asynchronous event could not be delivered and waits in the dead-letter queue', this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }));
    new CfnOutput(Stack.of(this), 'OperationsAlarmTopic', { value: this.topic.topicArn, description: 'SNS topic of every operations alarm; subscribe the on-call address' });
  }

  /** Alarms and dead letters for everything in `scope` (the whole stack, once it is built). */
  cover(scope: IConstruct): void {
    for (const node of scope.node.findAll()) this.visit(node);
  }

  private visit(node: IConstruct): void {
    if (this.covered.has(node)) return;
    if (node instanceof Queue && node !== this.deadLetters && !node.node.path.startsWith(this.node.path + '/')) {
      this.covered.add(node);
      this.alarm(`${Names.uniqueId(node)}Waiting`, `${node.node.path}: a message waits in a dead-letter queue`, node.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }));
    } else if (node instanceof ForlobFunction) {
      this.covered.add(node);
      const id = Names.uniqueId(node);
      const period = { period: Duration.minutes(5), statistic: 'Sum' };
      this.alarm(`${id}Errors`, `${node.node.path}: the function failed`, node.fn.metricErrors(period));
      this.alarm(`${id}Throttles`, `${node.node.path}: invocations were throttled`, node.fn.metricThrottles(period));
    } else if (node instanceof StateMachine) {
      this.covered.add(node);
      const id = Names.uniqueId(node);
      const period = { period: Duration.minutes(5), statistic: 'Sum' };
      this.alarm(`${id}Failed`, `${node.node.path}: an execution failed`, node.metricFailed(period));
      this.alarm(`${id}TimedOut`, `${node.node.path}: an execution timed out`, node.metricTimedOut(period));
      this.alarm(`${id}Aborted`, `${node.node.path}: an execution was aborted`, node.metricAborted(period));
    } else if (node instanceof CfnSchedule) {
      this.covered.add(node);
      this.giveScheduleDeadLetters(node);
    } else if (node instanceof CfnRule) {
      this.covered.add(node);
      const targets = (Stack.of(node).resolve(node.targets) ?? []) as { deadLetterConfig?: unknown; DeadLetterConfig?: unknown }[];
      if (targets.some((t) => !t.deadLetterConfig && !t.DeadLetterConfig)) {
        Annotations.of(node).addError('An EventBridge rule target without a dead-letter queue loses events it cannot deliver: give it ForlobOperations.deadLetters.');
      }
    }
  }

  private giveScheduleDeadLetters(schedule: CfnSchedule): void {
    const target = schedule.target as CfnSchedule.TargetProperty;
    if (target.deadLetterConfig) return;
    const stack = Stack.of(schedule);
    const roleRef = stack.resolve(target.roleArn) as { 'Fn::GetAtt'?: [string, string] };
    const role = stack.node.findAll().find((c): c is iam.CfnRole => c instanceof iam.CfnRole && stack.getLogicalId(c) === roleRef['Fn::GetAtt']?.[0]);
    if (!role) {
      Annotations.of(schedule).addError('A schedule without a dead-letter queue whose role is not in this stack: give it ForlobOperations.deadLetters.');
      return;
    }
    schedule.target = { ...target, deadLetterConfig: { arn: this.deadLetters.queueArn } };
    const policy = new iam.Policy(this, `${Names.uniqueId(schedule)}DeadLetters`, {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] })],
    });
    policy.attachToRole(iam.Role.fromRoleArn(this, `${Names.uniqueId(schedule)}Role`, role.attrArn));
  }

  private alarm(id: string, description: string, metric: Metric): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
