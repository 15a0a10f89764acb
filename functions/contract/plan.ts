import { z } from 'zod';
import { Id, Instant, MunicipalityCode, Month, Stage, Username } from './primitives.js';

/*
 * The preparatory form (forberedende skema), the action plan (indsatsplan) and the offers catalogue
 * (ydelseskatalog) of shared/api.md. Both the form and the plan are versioned: every revision is kept, a
 * change names the version it was made from, and a stale version is refused (409) with nothing overwritten.
 */

/** The life areas of the preparatory form (our choice; the seed does not give the form's content). */
export const LifeArea = z.enum([
  'employment',
  'education',
  'physical-health',
  'mental-health',
  'substance-use',
  'family',
  'housing',
  'finances',
  'transport',
  'social-network',
  'language',
]);
export type LifeArea = z.infer<typeof LifeArea>;

/** The competences the core team covers at every meeting; youth/education only for citizens under 30. */
export const CoreCompetence = z.enum(['employment', 'social', 'health', 'youth-education']);

/** Units of the resource network that can be called in ad hoc (seed 004: the archetype table and the team section). */
export const ResourceUnit = z.enum([
  'health-centre',
  'medical-consultant',
  'general-practitioner',
  'family-centre',
  'social-centre',
  'uu',
  'ppr',
  'support-person',
  'company-consultant',
  'language-centre',
]);
export type ResourceUnit = z.infer<typeof ResourceUnit>;

export const ProposedTeam = z.object({
  core: z.array(CoreCompetence),
  units: z.array(z.object({ unit: ResourceUnit, areas: z.array(LifeArea) })),
});
export type ProposedTeam = z.infer<typeof ProposedTeam>;

/** A revision number: 1 for the first, one more for each change. */
export const Version = z.int().min(1).max(9999);

const Text = z.string().trim().min(1).max(4000);

export const PreparatoryArea = z.object({
  area: LifeArea,
  wish: Text.optional(),
  problem: Text.optional(),
  /** 1 is the most important. */
  priority: z.int().min(1).max(11).optional(),
});

export const PreparatoryFormInput = z
  .object({
    /** Omitted only when creating; otherwise the version this change was made from. */
    version: Version.optional(),
    citizenParticipated: z.boolean(),
    areas: z.array(PreparatoryArea).max(11),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.areas.forEach((a, i) => {
      if (seen.has(a.area)) ctx.addIssue({ code: 'custom', path: ['areas', i, 'area'], message: 'this area is already on the form' });
      seen.add(a.area);
    });
  });
export type PreparatoryFormInput = z.output<typeof PreparatoryFormInput>;

export const PreparatoryForm = z.object({
  version: Version,
  citizenParticipated: z.boolean(),
  areas: z.array(
    z.object({ area: LifeArea, wish: z.string().nullable(), problem: z.string().nullable(), priority: z.int().nullable() }),
  ),
  /** Which resource-network units to call in beside the core team. */
  proposedTeam: ProposedTeam,
  by: Username,
  at: Instant,
});
export type PreparatoryForm = z.infer<typeof PreparatoryForm>;

export const PreparatoryFormResult = z.object({ preparatoryForm: PreparatoryForm, stage: Stage });
export const PreparatoryFormRevisions = z.object({ items: z.array(PreparatoryForm) });

// ---- the action plan -------------------------------------------------------------------------------

export const InterventionDomain = z.enum(['employment', 'social', 'health', 'education']);
export type InterventionDomain = z.infer<typeof InterventionDomain>;

export const InterventionInput = z
  .object({
    /** Given to keep an intervention of the previous revision; omitted for a new one (the server assigns it). */
    id: Id.optional(),
    domain: InterventionDomain,
    title: Text,
    offerId: Id.optional(),
    /** Who carries it out: a unit, a provider or a person. */
    responsible: z.string().trim().min(1).max(200),
    startMonth: Month,
    endMonth: Month.optional(),
    mode: z.enum(['individual', 'group']),
    /** A goal may be about motivation rather than an end state (seed 004). */
    goalKind: z.enum(['outcome', 'motivation']),
    goal: Text,
  })
  // Only when both are months: a bad start month is reported once, as itself.
  .refine((i) => i.endMonth === undefined || !Month.safeParse(i.startMonth).success || i.endMonth >= i.startMonth, {
    path: ['endMonth'],
    message: 'the end month is before the start month',
  });
export type InterventionInput = z.output<typeof InterventionInput>;

export const PlanInput = z
  .object({
    version: Version.optional(),
    goal: Text,
    citizenAgreed: z.boolean(),
    interventions: z.array(InterventionInput).max(50),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.interventions.forEach((i, n) => {
      if (i.id === undefined) return;
      if (seen.has(i.id)) ctx.addIssue({ code: 'custom', path: ['interventions', n, 'id'], message: 'this intervention is listed twice' });
      seen.add(i.id);
    });
  });
export type PlanInput = z.output<typeof PlanInput>;

export const Intervention = z.object({
  id: Id,
  domain: InterventionDomain,
  title: z.string(),
  offerId: Id.nullable(),
  responsible: z.string(),
  startMonth: Month,
  endMonth: Month.nullable(),
  mode: z.enum(['individual', 'group']),
  goalKind: z.enum(['outcome', 'motivation']),
  goal: z.string(),
});
export type Intervention = z.infer<typeof Intervention>;

export const Plan = z.object({
  version: Version,
  goal: z.string(),
  citizenAgreed: z.boolean(),
  interventions: z.array(Intervention),
  by: Username,
  at: Instant,
});
export type Plan = z.infer<typeof Plan>;

export const PlanResult = z.object({ plan: Plan, stage: Stage });
export const PlanRevisions = z.object({ items: z.array(Plan) });

// ---- the offers catalogue ---------------------------------------------------------------------------

export const OfferInput = z.object({
  name: z.string().trim().min(1).max(200),
  provider: z.string().trim().min(1).max(200),
  domain: InterventionDomain,
  targetGroup: z.string().trim().min(1).max(500),
  /** Places at a time; omitted when not limited. */
  capacity: z.int().min(0).max(100_000).optional(),
  description: z.string().trim().max(4000).optional(),
  /** The municipalities the offer belongs to; none: a national offer, the national admin's. */
  municipalities: z.array(MunicipalityCode).default([]),
});

export const Offer = z.object({
  id: Id,
  name: z.string(),
  provider: z.string(),
  domain: InterventionDomain,
  targetGroup: z.string(),
  capacity: z.int().nullable(),
  description: z.string().nullable(),
  municipalities: z.array(MunicipalityCode).default([]),
  createdAt: Instant,
});
export type Offer = z.infer<typeof Offer>;

export const OfferList = z.object({ items: z.array(Offer) });
export const OfferQuery = z.object({ domain: InterventionDomain.optional() });
