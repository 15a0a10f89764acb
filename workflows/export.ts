/**
 * The `export` state machine: an evaluation export (one execution per export started on demand, named by its
 * id), or the day's scheduled exports (the daily schedule starts it with `{}`: `PlanExports` records those due
 * and the map writes them one after the other). `WriteExport` streams the whole data file and the dictionary
 * in one invocation (its timeout is the function's: 15 minutes); a failure after its retries marks the export
 * failed and the others go on. `${ExportTasksArn}` is substituted by CDK and by the local runner alike. State
 * names are part of the contract with executions in flight: keep them.
 */
const lambdaRetry = [
  {
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'States.TaskFailed', 'States.Timeout'],
    IntervalSeconds: 5,
    MaxAttempts: 3,
    BackoffRate: 2,
  },
];

export const exportDefinition = {
  Comment: 'Writes evaluation exports: pseudonymised panel or suppressed indicators, with their dictionary (Forløb).',
  StartAt: 'PlanExports',
  TimeoutSeconds: 6 * 60 * 60,
  States: {
    PlanExports: {
      Type: 'Task',
      Comment: 'The export asked for, or records the scheduled exports due today (once per programme and month).',
      Resource: '${ExportTasksArn}',
      Parameters: { action: 'plan', 'input.$': '$' },
      ResultPath: '$.plan',
      Retry: lambdaRetry,
      Next: 'WriteEach',
    },
    WriteEach: {
      Type: 'Map',
      ItemsPath: '$.plan.exportIds',
      MaxConcurrency: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'WriteExport',
        States: {
          WriteExport: {
            Type: 'Task',
            Comment: 'Pages through the enrolments, streams the rows to the file, writes the dictionary, marks it done.',
            Resource: '${ExportTasksArn}',
            Parameters: { action: 'write', 'exportId.$': '$' },
            TimeoutSeconds: 900,
            ResultPath: null,
            Retry: lambdaRetry,
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'MarkExportFailed' }],
            Next: 'ExportWritten',
          },
          MarkExportFailed: {
            Type: 'Task',
            Comment: 'Shows the export as failed; its partial files are never listed.',
            Resource: '${ExportTasksArn}',
            Parameters: { action: 'mark-failed', 'exportId.$': '$' },
            ResultPath: null,
            Retry: lambdaRetry,
            Next: 'ExportWritten',
          },
          ExportWritten: { Type: 'Succeed' },
        },
      },
      ResultPath: null,
      Next: 'ExportsDone',
    },
    ExportsDone: { Type: 'Succeed' },
  },
};
