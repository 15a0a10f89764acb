/**
 * The `import` state machine: one execution per import that answered 202. Each `MakeChunks` invocation makes
 * the import's next chunks for a bounded time, starting journeys within the StartExecution quota, and records
 * how far it got in the store; so a retried, resumed or restarted execution goes on where the store says.
 * History stays small: about seven events per invocation (a 10,000-line import is a dozen invocations; the
 * largest file, 5 MB, a few hundred), far from the 25,000-event limit, so it never continues as new.
 * `${ImportTasksArn}` is substituted by CDK and by the local runner alike. State names are part of the
 * contract with executions in flight: keep them.
 */
import { lambdaRetry as lambdaRetryFor } from './lambda-retry.js';

const lambdaRetry = lambdaRetryFor(['States.Timeout']);

export const importDefinition = {
  Comment: 'Enrols the lines of a large import, chunk by chunk (Forløb).',
  StartAt: 'MakeChunks',
  TimeoutSeconds: 24 * 60 * 60,
  States: {
    MakeChunks: {
      Type: 'Task',
      Comment: 'Makes the next chunks (journeys, audit entries and outcome in one transaction each; then their workflows) for a bounded time.',
      Resource: '${ImportTasksArn}',
      Parameters: { action: 'make-chunks', 'importId.$': '$.importId' },
      ResultPath: '$.progress',
      Retry: lambdaRetry,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'MarkImportFailed' }],
      Next: 'DoneOrMore',
    },
    DoneOrMore: {
      Type: 'Choice',
      Choices: [{ Variable: '$.progress.finished', BooleanEquals: true, Next: 'ImportDone' }],
      Default: 'MakeChunks',
    },
    MarkImportFailed: {
      Type: 'Task',
      Comment: 'Shows the import as failed; what its chunks made stays, each line whole.',
      Resource: '${ImportTasksArn}',
      Parameters: { action: 'mark-failed', 'importId.$': '$.importId' },
      ResultPath: null,
      Retry: lambdaRetry,
      Next: 'ImportFailed',
    },
    ImportFailed: { Type: 'Fail', Error: 'ImportFailed', Cause: 'The import could not be completed.' },
    ImportDone: { Type: 'Succeed' },
  },
};
