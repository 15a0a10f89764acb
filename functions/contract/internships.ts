import { z } from 'zod';
import { CalendarDate, Id, Instant, MunicipalityCode, PersonRef, Stage, Username } from './primitives.js';

/*
 * Gennem Job til Uddannelse (shared/api.md v2): internships with their weekly hours and learning certificates,
 * the young person's contact person, and the ambassadors registry.
 */

/** An ISO week, `2026-W49`. */
export const IsoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'an ISO week as YYYY-Www');

/** A Danish company's CVR number: eight digits. */
export const Cvr = z.string().regex(/^\d{8}$/, 'a CVR number is eight digits');

export const InternshipGoal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paid-hours'), hours: z.number().positive().max(10_000) }),
  z.object({ kind: z.literal('ordinary-employment') }),
]);
export type InternshipGoal = z.infer<typeof InternshipGoal>;

export const InternshipInput = z
  .object({
    company: z.string().trim().min(1).max(200),
    cvr: Cvr.optional(),
    startDate: CalendarDate,
    endDate: CalendarDate.optional(),
    hoursPerWeek: z.number().positive().max(168),
    goal: InternshipGoal,
    jobBroker: Username,
    mentor: Username.optional(),
    ambassadorId: Id.optional(),
  })
  .refine((i) => i.endDate === undefined || i.endDate >= i.startDate, { path: ['endDate'], message: 'the internship ends on or after its start' });

export const WeekHours = z.object({ week: IsoWeek, paidHours: z.number(), unpaidHours: z.number(), by: z.string(), at: Instant });
export type WeekHours = z.infer<typeof WeekHours>;

export const Internship = z.object({
  id: Id,
  enrolmentId: Id,
  company: z.string(),
  cvr: Cvr.nullable(),
  startDate: CalendarDate,
  endDate: CalendarDate.nullable(),
  hoursPerWeek: z.number(),
  goal: InternshipGoal,
  jobBroker: PersonRef,
  mentor: PersonRef.nullable(),
  ambassadorId: Id.nullable(),
  /** Registered hours, one entry per ISO week (a second entry for a week replaced the first), oldest first. */
  hours: z.array(WeekHours),
  paidHoursTotal: z.number(),
  /** When the paid-hours goal was reached (its job broker was told then), or null. */
  goalReachedAt: Instant.nullable(),
  createdAt: Instant,
});
export type Internship = z.infer<typeof Internship>;

export const InternshipResult = Internship.extend({ stage: Stage, contactPerson: PersonRef.nullable() });

export const HoursInput = z
  .object({ week: IsoWeek, paidHours: z.number().min(0).max(168), unpaidHours: z.number().min(0).max(168) })
  .refine((h) => h.paidHours + h.unpaidHours <= 168, { path: ['unpaidHours'], message: 'paid and unpaid hours together are at most 168 a week' });

export const InternshipEndInput = z.object({ endDate: CalendarDate });

export const CompetenceKind = z.enum(['personal', 'professional']);
export const Competence = z.object({ kind: CompetenceKind, text: z.string().trim().min(1).max(500) });
export const CertificatePhase = z.enum(['start', 'progress', 'end']);

export const CertificateInput = z.object({
  phase: CertificatePhase,
  date: CalendarDate,
  direction: z.string().trim().min(1).max(2000).optional(),
  competences: z.array(Competence).max(30).default([]),
});

export const Certificate = z.object({
  id: Id,
  internshipId: Id,
  phase: CertificatePhase,
  date: CalendarDate,
  direction: z.string().nullable(),
  competences: z.array(Competence),
  by: z.string(),
  at: Instant,
});
export type Certificate = z.infer<typeof Certificate>;
export const CertificateResult = Certificate.extend({ stage: Stage, pdf: z.string() });

export const ContactPersonInput = z.object({ username: Username });
export const ContactPersonResult = z.object({ contactPerson: PersonRef, stage: Stage });

export const AmbassadorKind = z.enum(['company', 'youth']);
export const AmbassadorInput = z.object({
  kind: AmbassadorKind,
  name: z.string().trim().min(1).max(200),
  company: z.string().trim().min(1).max(200).optional(),
  phone: z.string().trim().max(30).optional(),
  email: z.email().optional(),
  municipalities: z.array(MunicipalityCode).min(1),
});
export const Ambassador = z.object({
  id: Id,
  kind: AmbassadorKind,
  name: z.string(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  municipalities: z.array(MunicipalityCode),
  createdBy: z.string(),
  createdAt: Instant,
});
export type Ambassador = z.infer<typeof Ambassador>;
export const AmbassadorList = z.object({ items: z.array(Ambassador) });
export const AmbassadorQuery = z.object({ kind: AmbassadorKind.optional() });
export const EnrolmentAmbassadorInput = z.object({ ambassadorId: Id });
export const EnrolmentAmbassadorResult = z.object({ ambassador: Ambassador, stage: Stage });
