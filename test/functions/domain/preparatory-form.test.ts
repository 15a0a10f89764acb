import { describe, expect, it } from 'vitest';
import { ageOn, proposeTeam } from '../../../functions/domain/preparatory-form.js';

describe('ageOn', () => {
  it.each([
    ['1996-11-23', '2026-11-22', 29], // the day before the 30th birthday
    ['1996-11-22', '2026-11-22', 30], // on it
    ['1996-12-01', '2026-11-22', 29],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
  ])('born %s, on %s: %i', (birth, date, age) => expect(ageOn(birth, date)).toBe(age));
});

describe('proposeTeam', () => {
  it('adds youth/education to the core under 30 and UU under 25, most important area first', () => {
    const team = proposeTeam(
      [{ area: 'family', priority: 2 }, { area: 'education' }, { area: 'substance-use', priority: 1 }],
      { birthDate: '2005-06-01', colour: 'orange' },
      '2026-11-22',
    );
    expect(team).toEqual({
      core: ['employment', 'social', 'health', 'youth-education'],
      units: [
        { unit: 'social-centre', areas: ['substance-use'] },
        { unit: 'medical-consultant', areas: ['substance-use'] },
        { unit: 'family-centre', areas: ['family'] },
        { unit: 'uu', areas: ['education'] },
      ],
    });
  });

  it('gives the core team only from 30, no UU from 25, and joins the areas that call for the same unit', () => {
    const team = proposeTeam(
      [{ area: 'mental-health' }, { area: 'education' }, { area: 'physical-health' }, { area: 'transport' }],
      { birthDate: '1990-01-01', colour: 'green' },
      '2026-11-22',
    );
    expect(team).toEqual({
      core: ['employment', 'social', 'health'],
      units: [
        { unit: 'medical-consultant', areas: ['mental-health'] },
        { unit: 'general-practitioner', areas: ['mental-health', 'physical-health'] },
        { unit: 'health-centre', areas: ['physical-health'] },
      ],
    });
  });

  it('brings PPR in for a blue (STU) citizen even with an empty form', () => {
    expect(proposeTeam([], { birthDate: '2008-03-03', colour: 'blue' }, '2026-11-22')).toEqual({
      core: ['employment', 'social', 'health', 'youth-education'],
      units: [{ unit: 'ppr', areas: [] }],
    });
  });
});
