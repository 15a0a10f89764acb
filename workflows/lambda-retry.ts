/** Lambda's transient service errors, and a task whose function failed. */
const LAMBDA_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'States.TaskFailed'];

/**
 * How every workflow's Lambda task retries: eight attempts, the wait doubling from 2 s up to a minute (about
 * five minutes in all). With 20 % of invocations failing (bench/faults.ts) a step is lost with a chance of
 * 0.2⁹ ≈ 5·10⁻⁷; with the four attempts before, one in 3,000 was, and a journey of 50 stopped reminding within
 * a simulated quarter. `extra` adds errors a workflow also retries (the import: its tasks' timeout).
 */
export const lambdaRetry = (extra: string[] = []) => [{ ErrorEquals: [...LAMBDA_ERRORS, ...extra], IntervalSeconds: 2, MaxAttempts: 8, BackoffRate: 2, MaxDelaySeconds: 60 }];
