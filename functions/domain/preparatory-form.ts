import type { Colour } from '../contract/primitives.js';
import type { LifeArea, ProposedTeam, ResourceUnit } from '../contract/plan.js';

/*
 * The preparatory form (forberedende skema, seed 004 appendix 1): filled in with the citizen at the intake
 * conversation, it "forms the basis for composing the team". The core team covers employment, social and
 * health at every meeting, plus youth/education for citizens under 30; the form decides which units of the
 * resource network are called in beside it.
 */

/** The youth/education competence is part of the core team for citizens under this age (seed 004). */
export const YOUTH_AGE_LIMIT = 30;
/** UU (youth guidance) serves young people under this age. */
export const UU_AGE_LIMIT = 25;

/** Whole years between a birth date and a date, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Which units of the resource network each life area calls for (seed 004's archetype table and team section). */
const UNITS_BY_AREA: Record<LifeArea, (age: number) => ResourceUnit[]> = {
  employment: () => ['company-consultant'],
  education: (age) => (age < UU_AGE_LIMIT ? ['uu'] : []),
  'physical-health': () => ['health-centre', 'general-practitioner'],
  'mental-health': () => ['medical-consultant', 'general-practitioner'],
  'substance-use': () => ['social-centre', 'medical-consultant'],
  family: () => ['family-centre'],
  housing: () => ['social-centre'],
  finances: () => ['social-centre'],
  transport: () => [],
  'social-network': () => ['support-person'],
  language: () => ['language-centre'],
};

export interface FormArea {
  area: LifeArea;
  priority?: number | null;
}

/**
 * The team to call in for this citizen: the core competences, and the resource-network units the form's
 * areas call for, most important area first (by priority, then the form's order). Blue citizens (STU)
 * bring PPR in about what comes after STU (seed 004).
 */
export function proposeTeam(areas: FormArea[], citizen: { birthDate: string; colour: Colour | null }, today: string): ProposedTeam {
  const age = ageOn(citizen.birthDate, today);
  const core: ProposedTeam['core'] = ['employment', 'social', 'health'];
  if (age < YOUTH_AGE_LIMIT) core.push('youth-education');
  const ordered = areas
    .map((a, index) => ({ ...a, index }))
    .sort((a, b) => (a.priority ?? Infinity) - (b.priority ?? Infinity) || a.index - b.index);
  const units = new Map<ResourceUnit, LifeArea[]>();
  if (citizen.colour === 'blue') units.set('ppr', []);
  for (const { area } of ordered) {
    for (const unit of UNITS_BY_AREA[area](age)) units.set(unit, [...(units.get(unit) ?? []), area]);
  }
  return { core, units: [...units].map(([unit, forAreas]) => ({ unit, areas: forAreas })) };
}
