/**
 * The short watches: `attendance-watch` (one execution per booked appointment, per version of it) and
 * `safety-watch` (one per safety flag). Both have the same shape: read what is watched and the next due
 * time; end when it is done; otherwise wait for a signal (callback whose token is stored in DynamoDB) with a
 * timeout at the next due time; when the timeout comes, send what fell due (once per due time) and read again.
 * A signal means "what you watch changed" — attendance registered, appointment moved or cancelled, flag
 * followed up — and the watch simply reads again. The task function is `${WatchTasksArn}`, substituted by CDK
 * and by the local runner alike. State names are part of the contract with executions in flight: keep them.
 */
export type WatchKind = 'attendance' | 'safety';

import { lambdaRetry as lambdaRetryFor } from './lambda-retry.js';

const lambdaRetry = lambdaRetryFor();

export function watchDefinition(kind: WatchKind) {
  const common = { watch: kind, 'enrolmentId.$': '$.enrolmentId', 'watchId.$': '$.watchId', 'revision.$': '$.revision' };
  return {
    Comment: kind === 'attendance' ? 'Watches that attendance of one booked appointment is registered (Forløb).' : 'Watches that a safety flag is followed up (Forløb).',
    StartAt: 'ReadWatch',
    // A watch ends after its escalation, within weeks; appointments are booked at most 300 days ahead.
    TimeoutSeconds: 360 * 24 * 60 * 60,
    States: {
      ReadWatch: {
        Type: 'Task',
        Comment: 'Reads what is watched: done, or the timer until the next due time.',
        Resource: '${WatchTasksArn}',
        Parameters: { action: 'read-watch', ...common },
        ResultPath: '$.watch',
        Retry: lambdaRetry,
        Next: 'DoneOrWait',
      },
      DoneOrWait: {
        Type: 'Choice',
        Choices: [{ Variable: '$.watch.done', BooleanEquals: true, Next: 'WatchEnded' }],
        Default: 'AwaitChange',
      },
      AwaitChange: {
        Type: 'Task',
        Comment: 'Waits for a change of what is watched; times out at the next due time.',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: '${WatchTasksArn}', Payload: { action: 'await-change', ...common, 'taskToken.$': '$$.Task.Token' } },
        TimeoutSecondsPath: '$.watch.timer.seconds',
        ResultPath: '$.signal',
        Retry: lambdaRetry,
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'WatchTimerFired' }],
        Next: 'ReadWatch',
      },
      WatchTimerFired: {
        Type: 'Task',
        Comment: 'The due time came: remind or escalate, once per due time, if still not done.',
        Resource: '${WatchTasksArn}',
        Parameters: { action: 'timer-fired', ...common, 'timer.$': '$.watch.timer' },
        ResultPath: null,
        Retry: lambdaRetry,
        Next: 'ReadWatch',
      },
      WatchEnded: { Type: 'Succeed' },
    },
  };
}
