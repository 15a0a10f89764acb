import { describe, expect, it } from 'vitest';
import { journeyPosition } from '../../../functions/app/journey-workflow.js';
import { BrugForAlleSettings } from '../../../functions/contract/schemas.js';
import { waitKey } from '../../../functions/store/keys.js';
import { nextTimer } from '../../../functions/domain/step-clock.js';
import { brugForAlle } from '../../../functions/domain/templates/brug-for-alle.js';
import { ibbu, IbbuSettings } from '../../../functions/domain/templates/ibbu.js';
import { earliestDue, trackPositions, waitingSteps, waitTrack } from '../../../functions/domain/track-waits.js';

/* What the one journey workflow's task works out of any template: each track's waiting step and when it is due. */
const ibbuRules = { template: ibbu, settings: IbbuSettings.parse({}) };
const bfaRules = { template: brugForAlle, settings: BrugForAlleSettings.parse({}) };
// Monday 2 March 2026, 09:00 in Copenhagen; no public holiday for weeks.
const monday = '2026-03-02T08:00:00.000Z';
const execution = { generation: 0, startedAt: new Date(monday) };

describe('the waiting steps of IBBU’s three tracks in parallel', () => {
  const journey = {
    id: 'e1',
    colour: null,
    stage: 'screening',
    stageEnteredAt: monday,
    tracks: [
      { track: 'education-employment', stage: 'clarification', enteredAt: monday },
      { track: 'treatment', stage: 'treatment-plan', enteredAt: '2026-03-04T08:00:00.000Z' },
      { track: 'coordination', stage: 'plan', enteredAt: monday },
    ],
  };

  it('waits at every track at once, each with its own due time', () => {
    const steps = waitingSteps(trackPositions(ibbu, journey), ibbuRules, new Date(monday), () => null);
    expect(steps.map((s) => [s.track, s.stage, s.timer.dueAt])).toEqual([
      ['education-employment', 'clarification', '2026-03-16T08:00:00.000Z'], // ten working days
      ['treatment', 'treatment-plan', '2026-03-18T08:00:00.000Z'], // ten working days from Wednesday
      // Fifteen working days (Monday 23 March) is beyond the longest wait: it checks again after twenty days.
      ['coordination', 'plan', '2026-03-22T08:00:00.000Z'],
    ]);
    expect(steps.map((s) => s.timer.tick?.notifications ?? null)).toEqual([[{ kind: 'step-overdue', audience: 'tovholder' }], [{ kind: 'step-overdue', audience: 'owner' }], null]);
    const later = waitingSteps(trackPositions(ibbu, journey), ibbuRules, new Date('2026-03-20T08:00:00.000Z'), () => null);
    expect(later[2]!.timer).toMatchObject({ dueAt: '2026-03-23T08:00:00.000Z', tick: { index: 0 } });
  });

  it('times the execution by the step due first, and moves to the next once that tick is handled', () => {
    const first = journeyPosition(journey, ibbuRules, execution, new Date(monday), {});
    expect(first).toMatchObject({ track: 'education-employment', stage: 'clarification', enteredAt: monday, timer: { dueAt: '2026-03-16T08:00:00.000Z' } });
    expect(first.waiting).toEqual([
      { track: 'education-employment', step: 'clarification', enteredAt: monday },
      { track: 'treatment', step: 'treatment-plan', enteredAt: '2026-03-04T08:00:00.000Z' },
      { track: 'coordination', step: 'plan', enteredAt: monday },
    ]);
    // The clarification's deadline handled, its first reminder (three working days on) comes after the treatment plan's deadline.
    const next = journeyPosition(journey, ibbuRules, execution, new Date('2026-03-16T09:00:00.000Z'), { 'education-employment': '2026-03-16T08:00:00.000Z' });
    expect(next).toMatchObject({ track: 'treatment', stage: 'treatment-plan', timer: { dueAt: '2026-03-18T08:00:00.000Z', tick: { index: 0 } } });
  });

  it('waits no more for a track that is done, and closes when every track is', () => {
    const done = (track: string) => ({ track, stage: 'done', enteredAt: monday });
    const oneLeft = { ...journey, tracks: [done('education-employment'), journey.tracks[1]!, done('coordination')] };
    expect(journeyPosition(oneLeft, ibbuRules, execution, new Date(monday), {})).toMatchObject({ track: 'treatment', waiting: [{ track: 'treatment' }] });
    const allDone = { ...journey, tracks: ibbu.tracks.map((t) => done(t.id)) };
    expect(journeyPosition(allDone, ibbuRules, execution, new Date(monday), {})).toMatchObject({ track: null, waiting: [], timer: null, continueAsNew: false });
  });

  it('keys each track’s wait item by track and step', () => {
    expect(waitKey('e1', 'plan', waitTrack(ibbu, 'coordination')).sk).toBe('WAIT#coordination#plan');
  });
});

describe('Brug for alle’s one track, as before tracks', () => {
  const journey = { id: 'e2', colour: 'orange', stage: 'intake' as const, stageEnteredAt: monday };

  it('has the position and timer it had: no track, no list of waiting steps', () => {
    const position = journeyPosition(journey, bfaRules, execution, new Date(monday), {});
    expect(position).not.toHaveProperty('track');
    expect(position).not.toHaveProperty('waiting');
    expect(position).toMatchObject({ stage: 'intake', enteredAt: monday, timer: nextTimer('intake', new Date(monday), bfaRules, new Date(monday), null) });
    expect(earliestDue(waitingSteps(trackPositions(brugForAlle, journey), bfaRules, new Date(monday), () => null))!.track).toBe('journey');
  });

  it('keeps the wait item key of executions already waiting', () => {
    expect(waitKey('e2', 'intake', waitTrack(brugForAlle, 'journey')).sk).toBe('WAIT#intake');
  });

  it('waits for nothing once closed', () => {
    expect(journeyPosition({ ...journey, stage: 'closed' }, bfaRules, execution, new Date(monday), {})).toMatchObject({ timer: null, continueAsNew: false });
  });
});
