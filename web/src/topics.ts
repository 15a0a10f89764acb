/*
 * Shapes of the journey's later steps as shared/api.md describes them. The Journey schema still types these
 * parts as unknown until each topic's schema lands in functions/contract; the pages read them through these
 * tolerant views (every field optional where the contract does not name it).
 */
import { z } from 'zod';

export const AppointmentView = z
  .object({
    id: z.string(),
    kind: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    owner: z.string(),
    interventionId: z.string().nullish(),
    attendance: z.union([z.string(), z.object({ status: z.string() }).loose()]).nullish(),
    status: z.string().nullish(),
  })
  .loose();
export type AppointmentView = z.infer<typeof AppointmentView>;
export const attendanceOf = (a: AppointmentView): string | null =>
  (typeof a.attendance === 'string' ? a.attendance : a.attendance?.status) ?? (a.status && a.status !== 'booked' && a.status !== 'scheduled' ? a.status : null);

export const InterventionView = z
  .object({
    id: z.string().optional(),
    domain: z.string(),
    title: z.string(),
    offerId: z.string().nullish(),
    responsible: z.string(),
    startMonth: z.string(),
    endMonth: z.string().nullish(),
    mode: z.string(),
    goalKind: z.string(),
    goal: z.string(),
  })
  .loose();
export type InterventionView = z.infer<typeof InterventionView>;

export const PlanView = z
  .object({ version: z.number(), goal: z.string(), citizenAgreed: z.boolean(), interventions: z.array(InterventionView) })
  .loose();
export type PlanView = z.infer<typeof PlanView>;

export const InstrumentView = z
  .object({
    id: z.string().optional(),
    instrument: z.string(),
    score: z.number(),
    severity: z.string(),
    flags: z.array(z.string()).default([]),
    takenAt: z.string(),
  })
  .loose();
export type InstrumentView = z.infer<typeof InstrumentView>;

export const PreparatoryFormView = z
  .object({
    version: z.number(),
    citizenParticipated: z.boolean(),
    areas: z.array(z.object({ area: z.string(), wish: z.string().nullish(), problem: z.string().nullish(), priority: z.number().nullish() }).loose()),
    proposedTeam: z.object({ core: z.array(z.string()), units: z.array(z.object({ unit: z.string(), areas: z.array(z.string()) }).loose()) }).loose().nullish(),
  })
  .loose();
export type PreparatoryFormView = z.infer<typeof PreparatoryFormView>;

export const AgendaItemView = z
  .object({
    enrolmentId: z.string(),
    name: z.string().nullish(),
    colour: z.string().nullish(),
    withCitizen: z.boolean().nullish(),
    slotStart: z.string().nullish(),
    slotEnd: z.string().nullish(),
    recorded: z.boolean().nullish(),
    citizenPresent: z.boolean().nullish(),
    recommendations: z.array(z.object({ domain: z.string(), text: z.string() })).nullish(),
  })
  .loose();
export const MeetingView = z
  .object({
    id: z.string(),
    programmeId: z.string().optional(),
    startsAt: z.string(),
    theme: z.string().nullish(),
    members: z.array(z.string()).default([]),
    agenda: z.array(z.union([z.string(), AgendaItemView])).default([]),
  })
  .loose();
export type MeetingView = z.infer<typeof MeetingView>;
export const MeetingList = z.object({ items: z.array(MeetingView) }).loose();

/** Any 2xx body the page only needs to know succeeded. */
export const Accepted = z.unknown();

/** Parses a list leniently: items that do not have the expected shape are left out rather than failing the page. */
export function parseList<T>(schema: z.ZodType<T>, value: unknown): T[] {
  return (Array.isArray(value) ? value : []).flatMap((v) => {
    const r = schema.safeParse(v);
    return r.success ? [r.data] : [];
  });
}
export function parseOne<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}
