import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ControllableClock } from '../../local/clock.js';
import { synthesizeTemplate, TemplateModel, type LocalStateMachine } from '../../local/cloud-template.js';
import { LocalStepFunctions } from '../../local/step-functions.js';

/*
 * The journey and watch definitions exactly as CDK synthesises them, run by the local runner against
 * scripted tasks (given / when / then), so the cases a real system rarely produces on demand — a task that
 * fails and is retried, a callback that arrives after its step timed out, continue-as-new — are each shown.
 */
const machines = new TemplateModel(synthesizeTemplate()).stateMachines();
const machine = (name: string) => machines.find((m) => m.name === name)!;
const DAY = 86_400;

type Task = { action: string; [key: string]: any };

function given(m: LocalStateMachine, tasks: (task: Task) => unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'forlob-def-'));
  let sfn!: LocalStepFunctions;
  const clock = new ControllableClock(dir, () => sfn.settled());
  const calls: Task[] = [];
  sfn = new LocalStepFunctions(machines, async (_arn, payload) => {
    calls.push(payload as Task);
    return tasks(payload as Task);
  }, clock, dir);
  const advanceDays = (days: number) => clock.advanceTo(clock.nowMs() + days * DAY * 1000);
  const tokens = () => calls.filter((c) => c.taskToken).map((c) => c.taskToken as string);
  return { sfn, clock, calls, advanceDays, tokens, start: (name: string, input: object) => sfn.startExecution(m.aliasArns[0]!, name, input).executionArn };
}

describe('journey definition', () => {
  const journey = machine('forlob-journey');
  const timer = (seconds: number, index = 0) => ({ seconds, dueAt: 'x', tick: { index, dueAt: `due-${index}`, notifications: [] } });
  /** What read-journey answers: the stage, a visit begun and read at 't0', and the step's timer. */
  const position = (stage: string, stepTimer: ReturnType<typeof timer> | null) => ({ stage, enteredAt: 't0', readAt: 't0', continueAsNew: false, timer: stepTimer });

  it('HappyPath: waits for the step, and a signal moves it on to the next stored stage', async () => {
    let stage = 'screening';
    const { sfn, calls, tokens, start } = given(journey, (t) => (t.action === 'read-journey' ? position(stage, stage === 'closed' ? null : timer(3 * DAY)) : {}));
    const arn = start('journey-a', { enrolmentId: 'a', generation: 0 });
    await sfn.settled();
    expect(calls.map((c) => `${c.action}:${c.step ?? ''}`)).toEqual(['read-journey:', 'await-step:screening']);
    expect(calls[1]).toMatchObject({ enteredAt: 't0' });
    stage = 'closed';
    sfn.sendTaskSuccess(tokens()[0]!, {});
    await sfn.settled();
    expect(sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
    // RouteByStage (no position given), ReadJourney, RouteByStage, AwaitScreening, then again to JourneyClosed.
    expect(sfn.stats('forlob-journey')).toEqual({ executions: 1, invocations: 3, transitions: 7, enteredByType: { 'Task.lambda': 2, 'Task.callback': 1, Choice: 3, Succeed: 1 } });
  });

  it('StartsAtPosition: an enrolment that gives where the journey stands starts it waiting, without a read', async () => {
    const { sfn, calls, start } = given(journey, () => ({}));
    const position = { stage: 'screening', enteredAt: 't0', readAt: 't1', continueAsNew: false, timer: timer(3 * DAY) };
    start('journey-p', { enrolmentId: 'p', generation: 0, journey: position });
    await sfn.settled();
    expect(calls).toEqual([{ action: 'await-step', step: 'screening', enrolmentId: 'p', enteredAt: 't0', readAt: 't1', taskToken: expect.any(String) }]);
    expect(sfn.stats('forlob-journey')).toMatchObject({ invocations: 1, transitions: 2, enteredByType: { 'Task.callback': 1, Choice: 1 } });
  });

  it('TimerFired: the step’s timeout sends the reminder and the step waits again', async () => {
    const { sfn, calls, advanceDays } = given(journey, (t) => (t.action === 'read-journey' ? position('intake', timer(2 * DAY, calls.filter((c) => c.action === 'timer-fired').length)) : {}));
    sfn.startExecution(journey.arn, 'journey-b', { enrolmentId: 'b', generation: 0 });
    await sfn.settled();
    await advanceDays(5);
    expect(calls.filter((c) => c.action === 'timer-fired').map((c) => c.timer.tick.index)).toEqual([0, 1]);
    expect(calls.filter((c) => c.action === 'await-step')).toHaveLength(3);
  });

  it('RetryOnTaskFailure: a task that fails is retried, and the journey goes on', async () => {
    let failures = 0;
    const { sfn, calls, start } = given(journey, (t) => {
      if (t.action === 'read-journey' && failures < 2) {
        failures++;
        throw Object.assign(new Error('throttled'), { name: 'Lambda.TooManyRequestsException' });
      }
      return t.action === 'read-journey' ? position('plan', timer(DAY)) : {};
    });
    const arn = start('journey-c', { enrolmentId: 'c', generation: 0 });
    await sfn.settled();
    expect(calls.map((c) => c.action)).toEqual(['read-journey', 'read-journey', 'read-journey', 'await-step']);
    expect(sfn.describeExecution(arn)!.status).toBe('RUNNING');
  });

  it('LateCallback: a signal for a step that already timed out is refused as TaskTimedOut and changes nothing', async () => {
    const { sfn, calls, tokens, advanceDays, start } = given(journey, (t) => (t.action === 'read-journey' ? position('intake', timer(DAY)) : {}));
    const arn = start('journey-d', { enrolmentId: 'd', generation: 0 });
    await sfn.settled();
    const stale = tokens()[0]!;
    await advanceDays(1.5);
    expect(() => sfn.sendTaskSuccess(stale, {})).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
    await sfn.settled();
    expect(calls.filter((c) => c.action === 'timer-fired')).toHaveLength(1);
    expect(tokens()).toHaveLength(2);
    expect(sfn.describeExecution(arn)!.status).toBe('RUNNING');
  });

  it('Tracks: a journey of several tracks waits in one state at once for all of them, timed by the step due first', async () => {
    const waiting = [
      { track: 'education-employment', step: 'clarification', enteredAt: 't0' },
      { track: 'treatment', step: 'treatment-plan', enteredAt: 't0' },
    ];
    let tracks: { track: string | null; stage: string; waiting: typeof waiting; timer: ReturnType<typeof timer> | null } = { track: 'treatment', stage: 'treatment-plan', waiting, timer: timer(2 * DAY) };
    const { sfn, calls, tokens, advanceDays, start } = given(journey, (t) => (t.action === 'read-journey' ? { ...position(tracks.stage, tracks.timer), ...tracks } : {}));
    const arn = start('journey-t', { enrolmentId: 't', generation: 0 });
    await sfn.settled();
    expect(sfn.describeExecution(arn)).toMatchObject({ status: 'RUNNING' });
    expect(calls[1]).toMatchObject({ action: 'await-step', track: 'treatment', step: 'treatment-plan', waiting, enteredAt: 't0' });
    await advanceDays(3);
    expect(calls.filter((c) => c.action === 'timer-fired')[0]).toMatchObject({ track: 'treatment', step: 'treatment-plan', timer: { tick: { index: 0 } } });
    // Every track done: nothing waits, and the journey ends.
    tracks = { track: null, stage: 'treatment-plan', waiting: [], timer: null };
    sfn.sendTaskSuccess(tokens().at(-1)!, {});
    await sfn.settled();
    expect(sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
    expect(sfn.stats('forlob-journey').enteredByType).not.toHaveProperty('Fail');
  });

  it('ContinueAsNew: before the one-year limit the journey continues as the next generation, named from it', async () => {
    const { sfn, calls, start } = given(journey, (t) =>
      t.action === 'read-journey'
        ? { stage: 'follow-up', enteredAt: 't0', readAt: 't0', continueAsNew: t.generation === 0, nextGeneration: t.generation + 1, nextExecutionName: `journey-e-g${t.generation + 1}`, timer: timer(DAY) }
        : {},
    );
    const arn = start('journey-e', { enrolmentId: 'e', generation: 0 });
    await sfn.settled();
    expect(sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
    const next = sfn.listExecutions().find((e) => e.name === 'journey-e-g1')!;
    expect(next).toMatchObject({ status: 'RUNNING', input: { enrolmentId: 'e', generation: 1 } });
    expect(calls.map((c) => `${c.action}:${c.generation ?? ''}`)).toEqual(['read-journey:0', 'read-journey:1', 'await-step:']);
  });
});

describe('watch definition', () => {
  it('RetryOnTaskFailure and LateCallback on the attendance watch: retried, then a stale signal is harmless', async () => {
    let fail = true;
    let done = false;
    const { sfn, calls, tokens, advanceDays, start } = given(machine('forlob-attendance-watch'), (t) => {
      if (t.action === 'timer-fired' && fail) {
        fail = false;
        throw Object.assign(new Error('dynamo hiccup'), { name: 'ProvisionedThroughputExceededException' });
      }
      return t.action === 'read-watch' ? (done ? { done: true, timer: null } : { done: false, timer: { seconds: DAY, dueAt: 'x', tick: { index: 0, dueAt: 'x', notifications: [] } } }) : {};
    });
    const arn = start('attendance-x-v1', { enrolmentId: 'e', watchId: 'x', revision: 1 });
    await sfn.settled();
    const stale = tokens()[0]!;
    await advanceDays(1.5);
    expect(calls.filter((c) => c.action === 'timer-fired')).toHaveLength(2);
    expect(() => sfn.sendTaskSuccess(stale, {})).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
    done = true;
    sfn.sendTaskSuccess(tokens()[1]!, {});
    await sfn.settled();
    expect(sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
  });
});
