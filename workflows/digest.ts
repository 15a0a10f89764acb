/**
 * The `digest` state machine: started daily by a schedule (EventBridge Scheduler in the cloud, the local
 * scheduler on the local clock), it waits for each digest time of the day (the users' `digestTime`s, on a
 * working day only) and sends that time's digests: one e-mail per user with counts and a link, at most one per
 * user and day. `${DigestTasksArn}` is substituted by CDK and by the local runner alike. State names are part
 * of the contract with executions in flight: keep them.
 */
import { lambdaRetry as lambdaRetryFor } from './lambda-retry.js';

const lambdaRetry = lambdaRetryFor();

export const digestDefinition = {
  Comment: 'Sends the daily worklist digests at the users’ digest times (Forløb).',
  StartAt: 'PlanDigests',
  TimeoutSeconds: 26 * 60 * 60,
  States: {
    PlanDigests: {
      Type: 'Task',
      Comment: 'The first digest time still to come today (none on a day off).',
      Resource: '${DigestTasksArn}',
      Parameters: { action: 'plan' },
      ResultPath: '$.plan',
      Retry: lambdaRetry,
      Next: 'MoreDigests',
    },
    MoreDigests: {
      Type: 'Choice',
      Choices: [{ Variable: '$.plan.next', IsNull: true, Next: 'DigestsDone' }],
      Default: 'WaitForDigestTime',
    },
    WaitForDigestTime: { Type: 'Wait', TimestampPath: '$.plan.next.at', Next: 'SendDigests' },
    SendDigests: {
      Type: 'Task',
      Comment: 'Mails the digest of every user of this time with something on their worklist; returns the next time.',
      Resource: '${DigestTasksArn}',
      Parameters: { action: 'send', 'time.$': '$.plan.next.time', 'at.$': '$.plan.next.at' },
      ResultPath: '$.plan',
      Retry: lambdaRetry,
      Next: 'MoreDigests',
    },
    DigestsDone: { Type: 'Succeed' },
  },
};
