import { describe, expect, it } from 'vitest';
import type { Intervention } from '../../../functions/contract/plan.js';
import { offerProblems, outsideCareManagerRemit, withInterventionIds } from '../../../functions/domain/plan.js';
import { nextRevision } from '../../../functions/domain/revisions.js';

const intervention = (id: string, domain: Intervention['domain'], over: Partial<Intervention> = {}): Intervention => ({
  id,
  domain,
  title: `${domain} ${id}`,
  offerId: null,
  responsible: 'Tovholder',
  startMonth: '2027-01',
  endMonth: null,
  mode: 'individual',
  goalKind: 'outcome',
  goal: 'Et mål',
  ...over,
});

describe('nextRevision', () => {
  it.each([
    [null, undefined, { ok: true, version: 1 }],
    [3, 3, { ok: true, version: 4 }],
  ] as const)('latest %j, given %j', (latest, given, expected) => expect(nextRevision(latest, given)).toEqual(expected));

  it.each([
    [1, undefined, 'already exists'],
    [3, 2, 'stale'],
    [3, 4, 'stale'],
    [null, 1, 'nothing to change'],
  ] as const)('latest %j, given %j is refused', (latest, given, why) => {
    const decision = nextRevision(latest, given);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.why).toContain(why);
  });
});

describe('withInterventionIds', () => {
  const input = (id?: string) => ({ id, domain: 'health' as const, title: 'T', responsible: 'R', startMonth: '2027-01', mode: 'group' as const, goalKind: 'motivation' as const, goal: 'G' });
  it('keeps known ids, assigns new ones in order, and fills nulls', () => {
    let n = 0;
    const result = withInterventionIds([input('keep-me'), input(), input()], [intervention('keep-me', 'health')], () => `new-${++n}`);
    expect(result.ok && result.interventions.map((i) => [i.id, i.offerId, i.endMonth])).toEqual([
      ['keep-me', null, null],
      ['new-1', null, null],
      ['new-2', null, null],
    ]);
  });
  it('names an unknown id by its path', () => {
    expect(withInterventionIds([input(), input('made-up')], [], () => 'x')).toEqual({
      ok: false,
      problems: [{ path: 'interventions.1.id', message: 'not an intervention of this plan' }],
    });
  });
});

describe('offerProblems', () => {
  it('names missing offers and offers of another domain', () => {
    const catalogue = new Map([['offer-health', { domain: 'health' as const }]]);
    expect(
      offerProblems(
        [
          { offerId: 'offer-health', domain: 'health' },
          { offerId: null, domain: 'social' },
          { offerId: 'gone', domain: 'social' },
          { offerId: 'offer-health', domain: 'employment' },
        ],
        catalogue,
      ),
    ).toEqual([
      { path: 'interventions.2.offerId', message: 'no such offer in the catalogue' },
      { path: 'interventions.3.offerId', message: 'the offer is a health offer, not employment' },
    ]);
  });
});

describe('outsideCareManagerRemit', () => {
  const previous = { goal: 'Job', citizenAgreed: true, interventions: [intervention('w', 'employment'), intervention('h', 'health')] };

  it('allows adding, changing and removing health interventions', () => {
    expect(outsideCareManagerRemit(previous, { ...previous, interventions: [intervention('w', 'employment'), intervention('h', 'health', { goal: 'Nyt' }), intervention('h2', 'health')] })).toEqual([]);
    expect(outsideCareManagerRemit(previous, { ...previous, interventions: [intervention('w', 'employment')] })).toEqual([]);
    expect(outsideCareManagerRemit(previous, previous)).toEqual([]);
  });

  it('names everything else the change touches', () => {
    expect(
      outsideCareManagerRemit(previous, {
        goal: 'Uddannelse',
        citizenAgreed: false,
        interventions: [intervention('h', 'social'), intervention('s', 'social')],
      }),
    ).toEqual([
      'goal',
      'citizenAgreed',
      'interventions.0 (a health intervention)',
      'interventions.1 (a new social intervention)',
      'removing the employment intervention w',
    ]);
    expect(outsideCareManagerRemit(previous, { ...previous, interventions: [intervention('w', 'employment', { endMonth: '2027-05' }), intervention('h', 'health')] })).toEqual([
      'interventions.0 (a employment intervention)',
    ]);
  });

  it('never lets a care manager create the plan', () => {
    expect(outsideCareManagerRemit(null, { goal: 'Job', citizenAgreed: true, interventions: [intervention('h', 'health')] })).toHaveLength(1);
  });
});
