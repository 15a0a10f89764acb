import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalJourney } from '../../functions/app/journey-workflow.js';
import { handler } from '../../functions/workflow/journey-tasks.js';
import { startSystem, type System } from '../support/system.js';

/*
 * The waiting-token protocol for a journey of several tracks, on DynamoDB Local: the one execution's token sits
 * on every waiting step's `WAIT#{track}#{step}`, and recording any of those steps takes it. (No IBBU journey
 * can be enrolled yet, so the task is called as the state machine calls it.)
 */
let system: System;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.stop());

const waitItems = async (id: string) =>
  (await system.snapshot()).items.filter((i) => i.includes(`"ENROLMENT#${id}"`) && i.includes('"WAIT#')).map((i) => strings(JSON.parse(i.split(/:(.*)/s)[1]!)));

/** A wait item's attributes, all strings, without their DynamoDB type tags. */
const strings = (item: Record<string, { S: string }>) => Object.fromEntries(Object.entries(item).map(([key, value]) => [key, value.S]));

describe('waits of several tracks', () => {
  const waiting = [
    { track: 'education-employment', step: 'clarification', enteredAt: '2031-03-03T08:00:00.000Z' },
    { track: 'treatment', step: 'treatment-plan', enteredAt: '2031-03-04T08:00:00.000Z' },
  ];

  it('puts the token on each waiting step, and a step recorded takes it and marks its visit left', async () => {
    const input = { action: 'await-step', enrolmentId: 'tracks-1', track: 'treatment', step: 'treatment-plan', enteredAt: waiting[1]!.enteredAt, waiting, taskToken: 'local-never-issued' };
    await handler(input);
    expect((await waitItems('tracks-1')).map((w) => [w.sk, w.track, w.taskToken])).toEqual([
      ['WAIT#education-employment#clarification', 'education-employment', 'local-never-issued'],
      ['WAIT#treatment#treatment-plan', 'treatment', 'local-never-issued'],
    ]);
    // The token was never issued: signalling it is refused as already handled, and ignored.
    await signalJourney({ id: 'tracks-1', stage: 'clarification', stageEnteredAt: waiting[0]!.enteredAt }, 'education-employment');
    const after = await waitItems('tracks-1');
    expect(after[0]).toMatchObject({ sk: 'WAIT#education-employment#clarification', leftEnteredAt: waiting[0]!.enteredAt });
    expect(after[0]).not.toHaveProperty('taskToken');
    expect(after[1]).toMatchObject({ taskToken: 'local-never-issued' });
  });
});
