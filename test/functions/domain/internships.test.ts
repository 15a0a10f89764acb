import { describe, expect, it } from 'vitest';
import { decide, type JourneyState } from '../../../functions/domain/decide.js';
import { activeInWeek, certificateProblem, missingHours, outcomeStage, overlaps, paidHoursTotal, weekOfTick, withWeek } from '../../../functions/domain/internships.js';
import { addWeeks, hoursDueAt, isoWeekOf, isRealWeek, mondayOf, sundayOf } from '../../../functions/domain/iso-week.js';
import { deadlinesOf, tickOf } from '../../../functions/domain/step-clock.js';
import { jobTilUddannelse } from '../../../functions/domain/templates/job-til-uddannelse.js';

const NOW = new Date('2031-03-12T10:00:00.000Z');
const rules = { template: jobTilUddannelse, settings: jobTilUddannelse.settings.parse({}) as Record<string, unknown> };
const broker = { username: 'jb.anna', name: 'Anna' };
const internship = { id: 'i1', company: 'Firma', startDate: '2031-03-03', endDate: null, goal: { kind: 'paid-hours' as const, hours: 20 }, jobBroker: broker, mentor: null, hours: [], goalReachedAt: null, createdAt: '2031-03-03T08:00:00.000Z' };
const week = (w: string, paidHours: number, unpaidHours = 0) => ({ week: w, paidHours, unpaidHours, by: 'jb.anna', at: '2031-03-03T08:00:00.000Z' });
const at = (stage: string, more: Partial<JourneyState> = {}): JourneyState => ({ stage, stageEnteredAt: '2031-03-03T08:00:00.000Z', updatedAt: '2031-03-03T08:00:00.000Z', colour: null, contactPerson: null, mentors: [], ...more });

describe('ISO weeks', () => {
  it('names the week of a date, its Monday and Sunday, across the turn of a year', () => {
    expect([isoWeekOf('2031-03-03'), isoWeekOf('2021-01-03'), isoWeekOf('2026-12-31'), isoWeekOf('2027-01-04')]).toEqual(['2031-W10', '2020-W53', '2026-W53', '2027-W01']);
    expect([mondayOf('2031-W10'), sundayOf('2031-W10'), mondayOf('2021-W01')]).toEqual(['2031-03-03', '2031-03-09', '2021-01-04']);
    expect([isRealWeek('2026-W53'), isRealWeek('2025-W53')]).toEqual([true, false]);
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
  });

  it('makes hours due the grace working days after the week ends at midnight in Copenhagen', () => {
    expect(hoursDueAt('2031-W10', 3).toISOString()).toBe('2031-03-12T23:00:00.000Z'); // Thursday 13 March 00:00
    // Week 15 of 2031 ends as Easter Monday begins, no working day: three working days on from Tuesday is Friday.
    expect(hoursDueAt('2031-W15', 3).toISOString()).toBe('2031-04-17T22:00:00.000Z');
  });
});

describe('internships, hours and certificates', () => {
  it('finds overlaps with inclusive dates, an internship without an end running on', () => {
    expect(overlaps({ startDate: '2031-03-03', endDate: '2031-03-31' }, { startDate: '2031-03-31', endDate: null })).toBe(true);
    expect(overlaps({ startDate: '2031-03-03', endDate: '2031-03-30' }, { startDate: '2031-03-31', endDate: null })).toBe(false);
    expect(overlaps({ startDate: '2031-03-03', endDate: null }, { startDate: '2032-01-01', endDate: '2032-02-01' })).toBe(true);
  });

  it('replaces a week entered twice, and adds up the paid hours', () => {
    const hours = withWeek(withWeek(withWeek([], week('2031-W11', 5)), week('2031-W10', 3)), week('2031-W11', 8));
    expect(hours.map((h) => `${h.week}:${h.paidHours}`)).toEqual(['2031-W10:3', '2031-W11:8']);
    expect(paidHoursTotal(hours)).toBe(11);
  });

  it('misses the hours only of weeks an internship ran in', () => {
    const ended = { ...internship, endDate: '2031-03-10', hours: [week('2031-W10', 4)] };
    expect(activeInWeek(ended, '2031-W11')).toBe(true);
    expect(missingHours([ended], '2031-W10')).toEqual([]);
    expect(missingHours([ended], '2031-W11')).toEqual([ended]);
    expect(missingHours([ended], '2031-W12')).toEqual([]);
  });

  it('needs a personal and a professional competence on an end certificate only', () => {
    expect(certificateProblem('end', [{ kind: 'personal', text: 'p' }])).toMatchObject({ code: 'rule-violated', rule: 'end-certificate-competences' });
    expect(certificateProblem('end', [{ kind: 'personal', text: 'p' }, { kind: 'professional', text: 'f' }])).toBeNull();
    expect(certificateProblem('progress', [])).toBeNull();
  });

  it('sends a job, an education or a better match to aftercare, the rest to closed', () => {
    expect(['job', 'education', 'match-improved', 'still-passive', 'exited'].map((o) => outcomeStage('internship', o))).toEqual(['aftercare', 'aftercare', 'aftercare', 'closed', 'closed']);
    expect(outcomeStage('aftercare', 'job')).toBe('closed');
  });
});

describe('the internship stage’s weekly clock', () => {
  it('ticks once per ISO week from the week the stage began, grace working days after each', () => {
    const entered = new Date('2031-03-05T09:00:00.000Z'); // Wednesday of week 10
    expect([0, 1].map((i) => tickOf('internship', entered, rules, i)?.dueAt)).toEqual(['2031-03-12T23:00:00.000Z', '2031-03-19T23:00:00.000Z']);
    expect(tickOf('internship', entered, rules, 0)?.notifications).toEqual([{ kind: 'hours-not-registered', audience: 'tovholder' }]);
    expect(weekOfTick(entered.toISOString(), 1)).toBe('2031-W11');
    // Never overdue: the next week's due time is the next deadline.
    expect(deadlinesOf({ stage: 'internship', stageEnteredAt: entered.toISOString(), needsTovholderSince: null }, rules, NOW)).toEqual({ nextDeadline: '2031-03-12T23:00:00.000Z', overdue: [] });
  });
});

describe('decide on Gennem Job til Uddannelse', () => {
  const by = 'jb.anna';

  it('makes the first internship’s job broker the contact person and refuses an overlapping one (409)', () => {
    const first = decide(jobTilUddannelse, at('clarification'), { by, kind: 'internship', internship: { ...internship, mentor: { username: 'mentor.mads', name: 'Mads' } }, existing: [] }, NOW);
    expect(first).toMatchObject({ ok: true, journey: { stage: 'internship', contactPerson: broker, mentors: ['mentor.mads'] }, signals: [{ kind: 'stage-ended', stage: 'clarification' }] });
    const second = decide(jobTilUddannelse, at('internship'), { by, kind: 'internship', internship: { ...internship, startDate: '2031-04-01' }, existing: [internship] }, NOW);
    expect(second).toMatchObject({ ok: false, code: 'conflict', rule: 'internship-overlaps' });
  });

  it('tells the job broker when the paid hours reach the goal, once per internship', () => {
    const reaching = decide(jobTilUddannelse, at('internship'), { by, kind: 'hours', internship: { ...internship, hours: [week('2031-W10', 12)] }, entry: week('2031-W11', 8) }, NOW);
    expect(reaching).toMatchObject({ ok: true, notifications: [{ kind: 'paid-hours-goal-reached', audience: 'owner', owner: 'jb.anna', subject: 'internship:i1', dueAt: internship.createdAt }] });
    const below = decide(jobTilUddannelse, at('internship'), { by, kind: 'hours', internship, entry: week('2031-W10', 19) }, NOW);
    expect(below).toMatchObject({ ok: true, notifications: [] });
    const again = decide(jobTilUddannelse, at('internship'), { by, kind: 'hours', internship: { ...internship, goalReachedAt: NOW.toISOString() }, entry: week('2031-W11', 40) }, NOW);
    expect(again).toMatchObject({ ok: true, notifications: [] });
    const outside = decide(jobTilUddannelse, at('internship'), { by, kind: 'hours', internship, entry: week('2031-W09', 1) }, NOW);
    expect(outside).toMatchObject({ ok: false, code: 'rule-violated', rule: 'week-outside-internship' });
  });

  it('hands over to a mentor, saying who took over from whom, and keeps the stage and its clock', () => {
    const got = decide(jobTilUddannelse, at('internship', { contactPerson: broker }), { by, kind: 'contact-person', contactPerson: { username: 'mentor.mads', name: 'Mads' } }, NOW);
    expect(got).toMatchObject({ ok: true, journey: { contactPerson: { username: 'mentor.mads' }, stageEnteredAt: '2031-03-03T08:00:00.000Z' }, signals: [], events: [{ kind: 'contact-person', summary: 'Contact person: Mads took over from Anna' }] });
    expect(decide(jobTilUddannelse, at('internship', { contactPerson: broker }), { by, kind: 'contact-person', contactPerson: broker }, NOW)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('refuses Brug for alle’s commands (not-in-template) and hours before any internship (out of order)', () => {
    expect(decide(jobTilUddannelse, at('clarification'), { by, kind: 'screening', colour: 'green', reason: 'r' }, NOW)).toMatchObject({ ok: false, code: 'not-in-template' });
    expect(decide(jobTilUddannelse, at('clarification'), { by, kind: 'hours', internship, entry: week('2031-W10', 1) }, NOW)).toMatchObject({ ok: false, code: 'conflict', rule: 'step-out-of-order' });
  });
});
