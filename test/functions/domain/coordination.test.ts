import { describe, expect, it } from 'vitest';
import {
  ageOnFirstOf,
  ageProblem,
  checkCoordinationSanction,
  couldNotBeContacted,
  goalProgress,
  isRepeater,
  praktikEndedByPlan,
  indicatorsOf,
  keptOn,
  memberReaches,
  praktikDue,
  previousMonth,
  runOnList,
} from '../../../functions/domain/coordination.js';
import { decide } from '../../../functions/domain/decide.js';
import { youthCoordination } from '../../../functions/domain/templates/youth-coordination.js';
import { groupOfJourney } from '../../../functions/domain/templates/index.js';

describe('the coordination list rules', () => {
  it('counts the previous month across a year', () => {
    expect(previousMonth('2031-01')).toBe('2030-12');
    expect(previousMonth('2031-10')).toBe('2031-09');
  });

  it('takes the age on the 1st of the list month', () => {
    expect(ageOnFirstOf('2015-01-01', '2031-01')).toBe(16);
    expect(ageOnFirstOf('2015-01-02', '2031-01')).toBe(15);
    expect(ageProblem('2015-01-02', '2031-01', { minAge: 15, maxAge: 17 })).toBeNull();
    expect(ageProblem('2016-01-02', '2031-01', { minAge: 15, maxAge: 17 })).toContain('14');
    expect(ageProblem('2013-01-01', '2031-01', { minAge: 15, maxAge: 17 })).toContain('18');
  });

  it('makes a repeater of one kept on the previous month, and starts the run again after a gap', () => {
    expect(runOnList(null, '2031-02')).toEqual({ monthsOnList: 1, repeater: false });
    expect(runOnList({ lastKeptMonth: '2031-01', monthsOnList: 1 }, '2031-02')).toEqual({ monthsOnList: 2, repeater: true });
    expect(runOnList({ lastKeptMonth: '2030-12', monthsOnList: 4 }, '2031-02')).toEqual({ monthsOnList: 1, repeater: false });
    // A list replaced in its month does not count the month twice.
    expect(runOnList({ lastKeptMonth: '2031-02', monthsOnList: 2 }, '2031-02')).toEqual({ monthsOnList: 2, repeater: true });
  });

  it('proposes the Praktik-generator after more than the set months in the rest group, once', () => {
    const first = keptOn(null, '2031-01');
    expect(praktikDue(first, 1)).toBe(false);
    const second = keptOn(first, '2031-02');
    expect(praktikDue(second, 1)).toBe(true);
    expect(praktikDue(second, 2)).toBe(false);
    expect(praktikDue({ ...second, praktik: { proposedAt: '2031-02-03T09:00:00Z', confirmedAt: null, interventionId: null, endedAt: null } }, 1)).toBe(false);
  });

  it('counts "could not be contacted" from the attempts since the previous meeting only', () => {
    const since = '2031-01-14T10:00:00Z';
    expect(couldNotBeContacted([], since)).toBe(false);
    expect(couldNotBeContacted([{ at: '2031-01-20T10:00:00Z', reached: false }], since)).toBe(true);
    expect(couldNotBeContacted([{ at: '2031-01-20T10:00:00Z', reached: false }, { at: '2031-01-21T10:00:00Z', reached: true }], since)).toBe(false);
    expect(couldNotBeContacted([{ at: '2031-01-10T10:00:00Z', reached: false }], since)).toBe(false);
    expect(couldNotBeContacted([{ at: '2031-01-10T10:00:00Z', reached: false }], null)).toBe(true);
    expect(
      indicatorsOf(
        [
          { repeater: true, attempts: [{ at: '2031-01-20T10:00:00Z', reached: false }] },
          { repeater: false, attempts: [] },
        ],
        since,
      ),
    ).toEqual({ inRestGroup: 2, repeaters: 1, couldNotBeContacted: 1 });
  });

  it('recommends a sanction only after the group recorded the young person as not reached', () => {
    const base = { coordinationListId: 'jan', reasonableCause: false, lackOfResources: false, financialHardship: false, conclusion: 'recommend-sanction' as const };
    expect(checkCoordinationSanction({ ...base, notReachedOn: [] })).toMatchObject({ ok: false, rule: 'sanction-needs-not-reached' });
    expect(checkCoordinationSanction({ ...base, notReachedOn: ['jan'] })).toEqual({ ok: true });
    expect(checkCoordinationSanction({ ...base, notReachedOn: ['jan'], lackOfResources: true })).toMatchObject({ ok: false, rule: 'sanction-not-allowed' });
    expect(checkCoordinationSanction({ ...base, conclusion: 'no-sanction', notReachedOn: [] })).toEqual({ ok: true });
  });

  it('gives a member a young person of the last two months, or their own', () => {
    expect(memberReaches('uu', { lastKeptMonth: '2031-02', responsible: null }, '2031-03')).toBe(true);
    expect(memberReaches('uu', { lastKeptMonth: '2031-01', responsible: null }, '2031-03')).toBe(false);
    expect(memberReaches('uu', { lastKeptMonth: '2031-01', responsible: 'uu' }, '2031-03')).toBe(true);
  });

  it('ends the Praktik-generator when another course is added to the plan, not on a revision without one', () => {
    const state = { ...keptOn(null, '2031-01'), praktik: { proposedAt: 'x', confirmedAt: '2031-02-01T09:00:00Z', interventionId: 'p', endedAt: null } };
    const praktik = { id: 'p', startMonth: '2031-02', endMonth: null };
    expect(praktikEndedByPlan(state, [praktik], [praktik], 'now')).toBeNull();
    const ended = praktikEndedByPlan(state, [praktik], [praktik, { id: 'q', startMonth: '2031-05', endMonth: null }], 'now');
    expect(ended?.interventions[0]?.endMonth).toBe('2031-04');
    expect(ended?.state.praktik?.endedAt).toBe('now');
    expect(praktikEndedByPlan(state, [], [praktik, { id: 'q', startMonth: '2031-01', endMonth: null }], 'now')?.interventions[0]?.endMonth).toBe('2031-02');
  });

  it('flags a repeater in the overview while its last list is this month or the previous', () => {
    expect(isRepeater({ lastKeptMonth: '2031-02', monthsOnList: 2 }, '2031-03')).toBe(true);
    expect(isRepeater({ lastKeptMonth: '2031-01', monthsOnList: 2 }, '2031-03')).toBe(false);
    expect(isRepeater({ lastKeptMonth: '2031-03', monthsOnList: 1 }, '2031-03')).toBe(false);
  });

  it('shows the goal progress', () => {
    expect(goalProgress(4, 2, 0.5)).toMatchObject({ share: 0.5, reached: true });
    expect(goalProgress(0, 0, 0.5)).toMatchObject({ share: 0, reached: false });
  });
});

describe("youth coordination's journey", () => {
  const journey = { stage: 'contact', stageEnteredAt: '2031-01-06T08:00:00Z', updatedAt: '2031-01-06T08:00:00Z', colour: null, outcome: null, coordination: null };
  const at = new Date('2031-01-07T08:00:00Z');

  it('moves on at the first contact and closes with an outcome, counting by its group', () => {
    const contacted = decide(youthCoordination, journey, { kind: 'contact', by: 'uu' }, at);
    expect(contacted).toMatchObject({ ok: true, journey: { stage: 'activity' } });
    const closed = decide(youthCoordination, journey, { kind: 'outcome', by: 'uu', outcome: 'education', date: '2031-01-07' }, at);
    expect(closed.ok && closed.journey.stage).toBe('closed');
    expect(closed.ok && groupOfJourney(youthCoordination, closed.journey)).toBe('education-or-job');
    expect(groupOfJourney(youthCoordination, { ...journey })).toBe('rest-group');
  });

  it('refuses a command it does not have', () => {
    expect(decide(youthCoordination, journey, { kind: 'screening', by: 'uu', colour: 'green', reason: 'x' }, at)).toMatchObject({ ok: false, code: 'not-in-template' });
  });
});
