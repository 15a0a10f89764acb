import { z } from 'zod';
import { Id, Instant, Stage, Username } from './primitives.js';

/*
 * Appointments, attendance and sanction assessments (shared/api.md "Appointments and attendance").
 */

export const AppointmentKind = z.enum(['intake', 'follow-up', 'intervention']);
export type AppointmentKind = z.infer<typeof AppointmentKind>;
export const AttendanceStatus = z.enum(['attended', 'no-show', 'cancelled']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** An intervention's id in the plan: a plan item may carry any short id, not only generated ones. */
export const InterventionId = z.string().trim().min(1).max(64);

const endsAfterStart = <T extends { startsAt: string; endsAt: string }>(a: T) => Date.parse(a.endsAt) > Date.parse(a.startsAt);
const endsAfterStartIssue = { path: ['endsAt'], message: 'must be after startsAt' };

export const AppointmentInput = z
  .object({
    kind: AppointmentKind,
    startsAt: Instant,
    endsAt: Instant,
    owner: Username,
    interventionId: InterventionId.optional(),
  })
  .refine(endsAfterStart, endsAfterStartIssue)
  .refine((a) => a.kind !== 'intervention' || a.interventionId !== undefined, {
    path: ['interventionId'],
    message: 'an intervention appointment names its intervention',
  })
  .refine((a) => a.kind === 'intervention' || a.interventionId === undefined, {
    path: ['interventionId'],
    message: 'only an intervention appointment names an intervention',
  });

export const AppointmentMove = z.object({ startsAt: Instant, endsAt: Instant }).refine(endsAfterStart, endsAfterStartIssue);

export const AttendanceInput = z.object({
  status: AttendanceStatus,
  note: z.string().trim().max(2000).optional(),
});

export const Attendance = z.object({
  status: AttendanceStatus,
  note: z.string().nullable(),
  by: z.string(),
  at: Instant,
});

export const Appointment = z.object({
  id: Id,
  enrolmentId: Id,
  kind: AppointmentKind,
  startsAt: Instant,
  endsAt: Instant,
  owner: Username,
  interventionId: z.string().nullable(),
  attendance: Attendance.nullable(),
  createdBy: z.string(),
  createdAt: Instant,
  version: z.int(),
});
export type Appointment = z.infer<typeof Appointment>;

/** A changed appointment and the enrolment's stage after the change. */
export const AppointmentResult = Appointment.extend({ stage: Stage });

/** A provider's (or any owner's) own appointments: no citizen data beyond the enrolment id. */
export const MyAppointments = z.object({ items: z.array(Appointment) });
export const MyAppointmentsQuery = z.object({ from: Instant.optional(), to: Instant.optional() });

export const SanctionConclusion = z.enum(['no-sanction', 'recommend-sanction']);

const SanctionAssessmentFields = z.object({
  /** The no-show assessed; youth coordination names the coordination list whose meeting found nobody could reach the young person instead. */
  appointmentId: Id.optional(),
  coordinationListId: z.string().min(1).max(64).optional(),
  reasonableCause: z.boolean(),
  lackOfResources: z.boolean(),
  financialHardship: z.boolean(),
  conclusion: SanctionConclusion,
  note: z.string().trim().min(1).max(4000),
});
export const SanctionAssessmentInput = SanctionAssessmentFields.refine((s) => (s.appointmentId === undefined) !== (s.coordinationListId === undefined), {
  path: ['appointmentId'],
  message: 'an assessment names either an appointment or a coordination list',
});

export const SanctionAssessment = SanctionAssessmentFields.extend({ id: Id, by: z.string(), at: Instant });
export type SanctionAssessment = z.infer<typeof SanctionAssessment>;
export const SanctionAssessmentResult = SanctionAssessment.extend({ stage: Stage });

/** A plan intervention whose start month passed without an attended session (follow-up flag). */
export const InterventionNotStarted = z.object({ interventionId: z.string(), title: z.string(), startMonth: z.string(), dueAt: Instant });
