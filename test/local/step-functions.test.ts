import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ControllableClock } from '../../local/clock.js';
import { LocalStepFunctions, type Invoke } from '../../local/step-functions.js';

/*
 * The local runner on small definitions written for the case (named as in workflow tests: HappyPath,
 * TimeoutCaught, …). The journey's own definition runs through it in the integration tests.
 */
const FN = 'arn:aws:lambda:eu-north-1:000000000000:function:Tasks';
const ARN = 'arn:aws:states:eu-north-1:000000000000:stateMachine:case';

function given(definition: object, invoke: Invoke) {
  const dir = mkdtempSync(join(tmpdir(), 'forlob-sfn-'));
  let sfn!: LocalStepFunctions;
  const clock = new ControllableClock(dir, () => sfn.settled());
  sfn = new LocalStepFunctions([{ logicalId: 'Case', name: 'case', arn: ARN, aliasArns: [`${ARN}:live`], definition }], invoke, clock, dir);
  const start = (input: object = {}) => sfn.startExecution(`${ARN}:live`, 'run-1', input).executionArn;
  const finished = async (arn: string) => {
    await sfn.settled();
    return sfn.describeExecution(arn)!;
  };
  return { sfn, clock, start, finished, dir };
}

const callback = (extra: object = {}) => ({
  StartAt: 'Await',
  States: {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: FN, Payload: { 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 3 * 24 * 3600,
      ResultPath: '$.signal',
      Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2, IntervalSeconds: 1 }],
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'TimedOut' },
        { ErrorEquals: ['Refused'], ResultPath: '$.refused', Next: 'Refused' },
      ],
      End: true,
      ...extra,
    },
    TimedOut: { Type: 'Pass', Result: 'timed-out', ResultPath: '$.how', End: true },
    Refused: { Type: 'Pass', Result: 'refused', ResultPath: '$.how', End: true },
  },
});

describe('callback tasks', () => {
  it('HappyPath: a fresh token reaches the task, and SendTaskSuccess continues with its output', async () => {
    const tokens: string[] = [];
    const { sfn, start, finished } = given(callback(), async (_fn, payload: any) => (tokens.push(payload.token), {}));
    const arn = start();
    await sfn.settled();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/^local-/);
    sfn.sendTaskSuccess(tokens[0]!, { done: true });
    expect(await finished(arn)).toMatchObject({ status: 'SUCCEEDED', output: { signal: { done: true } } });
  });

  it('FailureCaught: SendTaskFailure raises the named error for the Catch', async () => {
    const tokens: string[] = [];
    const { sfn, start, finished } = given(callback({ Retry: undefined }), async (_fn, payload: any) => (tokens.push(payload.token), {}));
    const arn = start();
    await sfn.settled();
    sfn.sendTaskFailure(tokens[0]!, 'Refused', 'the citizen said no');
    expect(await finished(arn)).toMatchObject({ status: 'SUCCEEDED', output: { how: 'refused', refused: { Error: 'Refused' } } });
  });

  it('TimeoutCaught: the timeout follows the controllable clock, is not retried as a task failure, and a late signal is harmless', async () => {
    const tokens: string[] = [];
    const { sfn, clock, start, finished } = given(callback(), async (_fn, payload: any) => (tokens.push(payload.token), {}));
    const arn = start();
    await sfn.settled();
    await clock.advanceTo(clock.nowMs() + 2 * 24 * 3600 * 1000);
    expect(sfn.describeExecution(arn)!.status).toBe('RUNNING');
    await clock.advanceTo(clock.nowMs() + 1 * 24 * 3600 * 1000 + 1000);
    expect(await finished(arn)).toMatchObject({ status: 'SUCCEEDED', output: { how: 'timed-out' } });
    expect(tokens).toHaveLength(1);
    expect(() => sfn.sendTaskSuccess(tokens[0]!, {})).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
  });

  it('SelfSignal: a task may signal its own token while it is being invoked', async () => {
    let sfn!: LocalStepFunctions;
    const ctx = given(callback(), async (_fn, payload: any) => (sfn.sendTaskSuccess(payload.token, { self: true }), {}));
    sfn = ctx.sfn;
    expect(await ctx.finished(ctx.start())).toMatchObject({ status: 'SUCCEEDED', output: { signal: { self: true } } });
  });
});

describe('waits, retries and starting executions', () => {
  it('WaitOnClock: a Wait state sleeps on the controllable clock, in due order with others', async () => {
    const { sfn, clock, finished } = given(
      { StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Stamp' }, Stamp: { Type: 'Task', Resource: FN, End: true } } },
      async (_fn, payload: any) => ({ firedAt: clock.now().toISOString(), seconds: payload.seconds }),
    );
    const later = sfn.startExecution(ARN, 'later', { seconds: 7200 }).executionArn;
    const sooner = sfn.startExecution(ARN, 'sooner', { seconds: 3600 }).executionArn;
    const t0 = clock.nowMs();
    await clock.advanceTo(t0 + 3 * 3600 * 1000);
    const a = (await finished(sooner)).output as any;
    const b = (await finished(later)).output as any;
    expect(Date.parse(a.firedAt) - t0).toBeGreaterThanOrEqual(3600 * 1000 - 50);
    expect(Date.parse(a.firedAt) - t0).toBeLessThan(3600 * 1000 + 1000);
    expect(Date.parse(b.firedAt)).toBeGreaterThan(Date.parse(a.firedAt));
  });

  it('RetryOnTaskFailure: a failing task is retried, then succeeds', async () => {
    let calls = 0;
    const { finished, start } = given(
      { StartAt: 'Flaky', States: { Flaky: { Type: 'Task', Resource: FN, Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }], End: true } } },
      async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error('boom'), { name: 'ServiceUnavailable' });
        return { ok: calls };
      },
    );
    expect(await finished(start())).toMatchObject({ status: 'SUCCEEDED', output: { ok: 3 } });
  });

  it('IdempotentStart: the same name and input start once; another input is refused', () => {
    const { sfn } = given({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }, async () => ({}));
    const first = sfn.startExecution(ARN, 'same', { a: 1 });
    expect(sfn.startExecution(ARN, 'same', { a: 1 })).toEqual(first);
    expect(() => sfn.startExecution(ARN, 'same', { a: 2 })).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
  });
});

describe('stopping', () => {
  it('settles every waiting task, so the process can exit (no interpreter timer of weeks is left running)', () => {
    const script = join(import.meta.dirname, 'fixtures', 'stop-with-a-waiting-step.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout).toContain('stopped');
    expect(run.signal).toBeNull(); // not killed by the timeout: it exited by itself
    expect(run.status).toBe(0);
  }, 40_000);
});
