import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ControllableClock } from '../../local/clock.js';
import { synthesizeTemplate, TemplateModel } from '../../local/cloud-template.js';
import { LocalStepFunctions } from '../../local/step-functions.js';

/*
 * The export definition as CDK synthesises it, run by the local runner against scripted tasks: one export on
 * demand, the day's scheduled ones one after the other, and a failed write that marks its export failed while
 * the others are still written.
 */
const machines = new TemplateModel(synthesizeTemplate()).stateMachines();
const exportMachine = machines.find((m) => m.name === 'forlob-export')!;

type Task = { action: string; [key: string]: any };

function given(tasks: (task: Task) => unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'forlob-export-def-'));
  let sfn!: LocalStepFunctions;
  const clock = new ControllableClock(dir, () => sfn.settled());
  const calls: Task[] = [];
  sfn = new LocalStepFunctions(machines, async (_arn, payload) => {
    calls.push(payload as Task);
    return tasks(payload as Task);
  }, clock, dir);
  return { sfn, calls, start: (name: string, input: object) => sfn.startExecution(exportMachine.aliasArns[0]!, name, input).executionArn };
}

const plan = (t: Task, scheduled: string[]) => (t.action === 'plan' ? { exportIds: t.input.exportId ? [t.input.exportId] : scheduled } : {});

describe('export definition', () => {
  it('OnDemand: plans the one export asked for and writes it', async () => {
    const { sfn, calls, start } = given((t) => plan(t, []));
    const arn = start('export-e1', { exportId: 'e1' });
    await sfn.settled();
    expect(calls.map((c) => `${c.action}:${c.exportId ?? ''}`)).toEqual(['plan:', 'write:e1']);
    expect(sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
  });

  it('Scheduled: the daily run writes the exports due, one after the other, and none when none is due', async () => {
    const { sfn, calls, start } = given((t) => plan(t, ['s1', 's2']));
    start('daily-1', {});
    await sfn.settled();
    expect(calls.map((c) => `${c.action}:${c.exportId ?? ''}`)).toEqual(['plan:', 'write:s1', 'write:s2']);
    const idle = given((t) => plan(t, []));
    const arn = idle.start('daily-2', {});
    await idle.sfn.settled();
    expect(idle.calls.map((c) => c.action)).toEqual(['plan']);
    expect(idle.sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
  });

  it('WriteFails: a write that fails after its retries marks that export failed, and the next is still written', async () => {
    const { sfn, calls, start } = given((t) => {
      if (t.action === 'write' && t.exportId === 's1') throw Object.assign(new Error('boom'), { name: 'ExportBroke' });
      return plan(t, ['s1', 's2']);
    });
    const arn = start('daily-3', {});
    await sfn.settled();
    // Tried once and retried three times (a task failure may be passing).
    expect(calls.filter((c) => c.action === 'write' && c.exportId === 's1').length).toBe(4);
    expect(calls.map((c) => `${c.action}:${c.exportId ?? ''}`).filter((c) => !c.startsWith('write:s1'))).toEqual(['plan:', 'mark-failed:s1', 'write:s2']);
    expect(sfn.describeExecution(arn)!.status).toBe('SUCCEEDED');
  });
});
