import type { AppointmentKind, AttendanceStatus } from '../contract/appointments.js';
import type { Colour, Role, Stage } from '../contract/schemas.js';
import { intakeOwnerRole } from './journey.js';
import { refusal, type Refusal } from './refusal.js';

/*
 * Rules of appointments, attendance and sanction assessments (shared/domain.md steps 2, 4, 7 and 8), as plain
 * functions. A refusal is the one Refusal (domain/refusal.ts).
 */

/** Appointments are booked at most this far ahead: their watch must end within the execution's year. */
export const MAX_DAYS_AHEAD = 300;

export interface JourneyFacts {
  stage: Stage;
  colour: Colour | null;
}

/** Who may hold an appointment of this kind for a citizen of this colour (the front end's owner picker asks too). */
export function eligibleOwnerRoles(kind: AppointmentKind, colour: Colour | null): Role[] {
  if (kind === 'intake') return intakeOwnerRole(colour) === 'caseworker' ? ['caseworker'] : ['tovholder', 'lead'];
  if (kind === 'intervention') return ['provider', 'lead', 'tovholder', 'caseworker', 'care-manager'];
  return ['lead', 'tovholder', 'caseworker', 'care-manager'];
}

/** Whether an appointment may be booked (or moved) for this journey, with this owner, at this time. */
export function checkBooking(
  journey: JourneyFacts,
  booking: { kind: AppointmentKind; endsAt: string; ownerRoles: Role[] | null; interventionId?: string | null; planInterventionIds?: string[] },
  now: Date,
): { ok: true } | Refusal {
  if (journey.stage === 'closed') return refusal('rule-violated', 'journey-closed', 'the journey is closed');
  if (booking.interventionId && !(booking.planInterventionIds ?? []).includes(booking.interventionId)) {
    return refusal('rule-violated', 'intervention-not-in-plan', "interventionId names no intervention of the citizen's current plan");
  }
  if (Date.parse(booking.endsAt) - now.getTime() > MAX_DAYS_AHEAD * 86_400_000) {
    return refusal('rule-violated', 'too-far-ahead', `appointments are booked at most ${MAX_DAYS_AHEAD} days ahead`);
  }
  if (booking.kind === 'intake' && journey.stage !== 'intake') {
    return refusal('rule-violated', 'intake-not-awaited', 'the journey does not await an intake conversation');
  }
  const roles = booking.ownerRoles;
  if (!roles) return refusal('rule-violated', 'owner-not-eligible', 'the owner is not an active user of this programme and municipality');
  const eligible = eligibleOwnerRoles(booking.kind, journey.colour);
  if (!roles.some((r) => eligible.includes(r))) {
    return refusal('rule-violated', 'owner-not-eligible', `this appointment is held by one of: ${eligible.join(', ')}`);
  }
  return { ok: true };
}

/** Whether attendance may be registered now. */
export function checkAttendance(appointment: { startsAt: string; attendance: unknown }, status: AttendanceStatus, now: Date): { ok: true } | Refusal {
  if (appointment.attendance) return refusal('conflict', 'attendance-registered', 'attendance is already registered');
  if (status !== 'cancelled' && Date.parse(appointment.startsAt) > now.getTime()) {
    return refusal('rule-violated', 'appointment-not-started', 'attendance is registered once the appointment has begun');
  }
  return { ok: true };
}

/** What registering attendance does to the journey. */
export interface AttendanceEffect {
  /** The journey's stage and colour afterwards. */
  stage: Stage;
  colour: Colour | null;
  /** The stage's clock starts again (a new step, or the intake handed to the tovholder): the waiting step is signalled. */
  restartsStageClock: boolean;
  tellTovholderMissed: boolean;
  colourChanged: boolean;
}

/**
 * attended intake → green meets the team (a consultation without the citizen), orange fills in the preparatory
 * form; a no-show tells the tovholder, and a green citizen who missed the intake becomes orange, the intake
 * going to the tovholders.
 */
export function attendanceEffect(journey: JourneyFacts, kind: AppointmentKind, status: AttendanceStatus): AttendanceEffect {
  const none: AttendanceEffect = { stage: journey.stage, colour: journey.colour, restartsStageClock: false, tellTovholderMissed: false, colourChanged: false };
  const awaitedIntake = kind === 'intake' && journey.stage === 'intake';
  if (status === 'attended' && awaitedIntake) {
    return { ...none, stage: journey.colour === 'green' ? 'team-meeting' : 'preparatory-form', restartsStageClock: true };
  }
  if (status === 'no-show') {
    if (awaitedIntake && journey.colour === 'green') {
      return { ...none, colour: 'orange', restartsStageClock: true, tellTovholderMissed: true, colourChanged: true };
    }
    return { ...none, tellTovholderMissed: true };
  }
  return none;
}

export interface SanctionFacts {
  attendance: AttendanceStatus | null;
  reasonableCause: boolean;
  lackOfResources: boolean;
  financialHardship: boolean;
  conclusion: 'no-sanction' | 'recommend-sanction';
}

/**
 * A sanction may be recommended only after a no-show, and only when the citizen had no reasonable cause, the
 * absence was not a lack of resources (rather than of will), and a sanction would not leave them destitute.
 */
export function checkSanction(s: SanctionFacts): { ok: true } | Refusal {
  if (s.conclusion === 'no-sanction') return { ok: true };
  if (s.attendance !== 'no-show') return refusal('rule-violated', 'sanction-needs-no-show', 'a sanction is recommended only after a no-show');
  if (s.reasonableCause || s.lackOfResources || s.financialHardship) {
    return refusal('rule-violated', 'sanction-not-allowed', 'no sanction when the citizen had a reasonable cause, lacked the resources, or would face financial hardship');
  }
  return { ok: true };
}
