import type { Intervention, InterventionDomain, InterventionInput, Plan } from '../contract/plan.js';

/*
 * The action plan (indsatsplan, seed 004): agreed between tovholder and citizen after the team meeting,
 * interventions across employment, social, health and education by month, in parallel if need be, each
 * with a goal, an owner and a time. Every revision is kept; intervention ids stay across revisions so
 * appointments can point at them.
 */

export interface Problem {
  path: string;
  message: string;
}

/**
 * Gives every intervention its id: kept when the client names an intervention of the previous revision,
 * a new one (from `newId`) when it names none. An id the previous revision does not have is the client's
 * mistake.
 */
export function withInterventionIds(
  input: InterventionInput[],
  previous: Intervention[],
  newId: () => string,
): { ok: true; interventions: Intervention[] } | { ok: false; problems: Problem[] } {
  const known = new Set(previous.map((i) => i.id));
  const problems: Problem[] = [];
  const interventions = input.map((i, n): Intervention => {
    if (i.id !== undefined && !known.has(i.id)) problems.push({ path: `interventions.${n}.id`, message: 'not an intervention of this plan' });
    return {
      id: i.id ?? newId(),
      domain: i.domain,
      title: i.title,
      offerId: i.offerId ?? null,
      responsible: i.responsible,
      startMonth: i.startMonth,
      endMonth: i.endMonth ?? null,
      mode: i.mode,
      goalKind: i.goalKind,
      goal: i.goal,
    };
  });
  return problems.length ? { ok: false, problems } : { ok: true, interventions };
}

/** Each offer named must be in the catalogue and be an offer of the intervention's domain. */
export function offerProblems(interventions: Pick<Intervention, 'offerId' | 'domain'>[], catalogue: Map<string, { domain: InterventionDomain }>): Problem[] {
  const problems: Problem[] = [];
  interventions.forEach((i, n) => {
    if (i.offerId === null) return;
    const offer = catalogue.get(i.offerId);
    if (!offer) problems.push({ path: `interventions.${n}.offerId`, message: 'no such offer in the catalogue' });
    else if (offer.domain !== i.domain) problems.push({ path: `interventions.${n}.offerId`, message: `the offer is a ${offer.domain} offer, not ${i.domain}` });
  });
  return problems;
}

const FIELDS = ['domain', 'title', 'offerId', 'responsible', 'startMonth', 'endMonth', 'mode', 'goalKind', 'goal'] as const;
const same = (a: Intervention, b: Intervention) => FIELDS.every((f) => a[f] === b[f]);

/**
 * A care manager may change the plan's health interventions only (shared/api.md). Compared with the
 * previous revision: an added, removed or changed intervention must be a health one before and after, and
 * the plan's own goal and the citizen's agreement must stay as they were. A care manager cannot create the
 * plan, since that sets its goal. Returns what the change touches that is not the care manager's, or [].
 */
export function outsideCareManagerRemit(previous: Pick<Plan, 'goal' | 'citizenAgreed' | 'interventions'> | null, next: Pick<Plan, 'goal' | 'citizenAgreed' | 'interventions'>): string[] {
  if (previous === null) return ['the plan itself (a care manager cannot create it)'];
  const touched: string[] = [];
  if (previous.goal !== next.goal) touched.push('goal');
  if (previous.citizenAgreed !== next.citizenAgreed) touched.push('citizenAgreed');
  const before = new Map(previous.interventions.map((i) => [i.id, i]));
  const after = new Set(next.interventions.map((i) => i.id));
  next.interventions.forEach((i, n) => {
    const old = before.get(i.id);
    if (old === undefined) {
      if (i.domain !== 'health') touched.push(`interventions.${n} (a new ${i.domain} intervention)`);
    } else if (!same(old, i) && (old.domain !== 'health' || i.domain !== 'health')) {
      touched.push(`interventions.${n} (a ${old.domain} intervention)`);
    }
  });
  for (const old of previous.interventions) {
    if (!after.has(old.id) && old.domain !== 'health') touched.push(`removing the ${old.domain} intervention ${old.id}`);
  }
  return touched;
}

