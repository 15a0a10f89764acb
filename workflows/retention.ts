/**
 * The `retention` state machine: started daily by a schedule (EventBridge Scheduler in the cloud, the local
 * scheduler on the local clock). It erases the closed journeys whose retention period is over, page by page,
 * then deletes the audit entries past the audit's retention, shard by shard. Every page is one task that
 * says where the next begins; a run that stops is simply taken up by the next one (nothing it did is
 * undone, nothing is done twice). `${RetentionTasksArn}` is substituted by CDK and by the local runner alike.
 * State names are part of the contract with executions in flight: keep them.
 */
import { lambdaRetry as lambdaRetryFor } from './lambda-retry.js';

const lambdaRetry = lambdaRetryFor();

export const retentionDefinition = {
  Comment: 'Erases closed journeys after their retention period and deletes audit entries past the audit’s (Forløb).',
  StartAt: 'BeginRetention',
  // A day's run takes minutes; the next day's run starts a new execution.
  TimeoutSeconds: 12 * 60 * 60,
  States: {
    BeginRetention: {
      Type: 'Pass',
      Comment: 'Where the pages begin: the start of the erasure list, the first audit shard.',
      Parameters: { erasure: { cursor: null }, audit: { shard: 0, cursor: null } },
      Next: 'EraseDueJourneys',
    },
    EraseDueJourneys: {
      Type: 'Task',
      Comment: 'Erases the due, unheld journeys of one page of the erasure list.',
      Resource: '${RetentionTasksArn}',
      Parameters: { action: 'erase-due', 'cursor.$': '$.erasure.cursor' },
      ResultPath: '$.erasure',
      Retry: lambdaRetry,
      Next: 'MoreToErase',
    },
    MoreToErase: {
      Type: 'Choice',
      // `Not IsNull` rather than `IsNull: false`, which the local interpreter never matches.
      Choices: [{ Not: { Variable: '$.erasure.cursor', IsNull: true }, Next: 'EraseDueJourneys' }],
      Default: 'PurgeAudit',
    },
    PurgeAudit: {
      Type: 'Task',
      Comment: 'Deletes one page of audit entries past the audit’s retention whose journeys are gone.',
      Resource: '${RetentionTasksArn}',
      Parameters: { action: 'purge-audit', 'shard.$': '$.audit.shard', 'cursor.$': '$.audit.cursor' },
      ResultPath: '$.audit',
      Retry: lambdaRetry,
      Next: 'MoreToPurge',
    },
    MoreToPurge: {
      Type: 'Choice',
      Choices: [{ Variable: '$.audit.done', BooleanEquals: false, Next: 'PurgeAudit' }],
      Default: 'RetentionDone',
    },
    RetentionDone: { Type: 'Succeed' },
  },
};
