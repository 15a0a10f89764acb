import { randomUUID } from 'node:crypto';
import { authenticated, mayWorkWithAppointment, visibleAppointment, visibleJourney } from '../app/access.js';
import { now } from '../platform/clock.js';
import { checkCoordinationSanction } from '../domain/coordination.js';
import { ApiError, conflict, notFound, refusalError, ruleViolated } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { decideOrRefuse, followDecision } from '../app/decide.js';
import { signalWatch, startWatch } from '../app/watch-workflow.js';
import type { Appointment } from '../contract/appointments.js';
import type { InstrumentRecord } from '../contract/instruments.js';
import type { Programme, User } from '../contract/schemas.js';
import { checkAttendance, checkBooking, checkSanction } from '../domain/appointments.js';
import { scoreInstrument } from '../domain/instruments.js';
import { recipientsOf } from '../domain/recipients.js';
import { safetyTick } from '../domain/watch-clock.js';
import { copenhagenDate } from '../domain/working-days.js';
import { audit } from '../store/audit.js';
import {
  appointmentsOwnedBy,
  createAppointment,
  getAppointmentIn,
  getInstrument,
  instrumentItem,
  putAppointment,
  recordSafetyFollowUp,
  sanctionItem,
  saveAppointment,
  writeWithEvents,
} from '../store/appointments.js';
import { getJourney, saveJourney, type StoredJourney } from '../store/journeys.js';
import { latestRevision } from '../store/plans.js';
import { notifyOnce } from '../store/notifications.js';
import { getProgramme } from '../store/programmes.js';
import { listUsers } from '../store/users.js';

/** Appointments, attendance, sanction assessments and instruments: thin handlers over the rules in functions/domain. */

async function programmeOf(journey: StoredJourney): Promise<Programme> {
  const programme = await getProgramme(journey.programmeId);
  if (!programme) throw notFound('programme');
  return programme;
}

/** The roles the owner holds where this citizen is, or null when the owner cannot hold appointments there. */
function ownerRoles(users: User[], username: string, journey: StoredJourney) {
  const owner = users.find((u) => u.username === username);
  if (!owner || !owner.active || !owner.programmes.includes(journey.programmeId) || !owner.municipalities.includes(journey.municipality)) return null;
  return owner.roles;
}

export const handler = apiHandler({
  'POST /enrolments/{id}/appointments': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const [users, plan] = await Promise.all([listUsers(), input.interventionId ? latestRevision(journey.id, 'PLAN') : null]);
    const planInterventionIds = plan?.interventions.map((i) => i.id) ?? [];
    const booking = { kind: input.kind, endsAt: input.endsAt, ownerRoles: ownerRoles(users, input.owner, journey), interventionId: input.interventionId, planInterventionIds };
    const check = checkBooking(journey, booking, now());
    if (!check.ok) throw refusalError(check);
    const at = now().toISOString();
    const appointment: Appointment = {
      id: randomUUID(),
      enrolmentId: journey.id,
      kind: input.kind,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      owner: input.owner,
      interventionId: input.interventionId ?? null,
      attendance: null,
      createdBy: caller.user.username,
      createdAt: at,
      version: 1,
    };
    await createAppointment(appointment, { at, kind: 'appointment-booked', by: caller.user.username, summary: `Appointment booked (${input.kind})` });
    await startWatch('attendance', { enrolmentId: journey.id, watchId: appointment.id, revision: appointment.version });
    return { body: { ...appointment, stage: journey.stage } };
  }),

  'GET /me/appointments': authenticated(async (request, caller) => {
    const query = request.query;
    const owned = await appointmentsOwnedBy(caller.user.username, query.from, query.to);
    const journeys = new Map<string, StoredJourney | undefined>();
    for (const id of new Set(owned.map((a) => a.enrolmentId))) journeys.set(id, await getJourney(id));
    const items = owned.filter((a) => {
      const journey = journeys.get(a.enrolmentId);
      return journey !== undefined && mayWorkWithAppointment(caller, journey, a);
    });
    await audit({ actor: caller.user.username, action: request.route.audit, outcome: 'allowed', enrolmentIds: [...new Set(items.map((a) => a.enrolmentId))] });
    return { body: { items } };
  }),

  'GET /appointments/{id}': authenticated(async (request, caller) => {
    const { appointment } = await visibleAppointment(caller, request.params.id, request.route);
    return { body: appointment };
  }),

  'PATCH /appointments/{id}': authenticated(async (request, caller) => {
    const { appointment, journey } = await visibleAppointment(caller, request.params.id, request.route);
    const input = request.body;
    if (appointment.attendance) throw conflict('attendance is registered; the appointment can no longer be moved');
    const users = await listUsers();
    const check = checkBooking(
      // The intake was booked while the journey awaited it; moving it keeps that.
      { stage: appointment.kind === 'intake' ? 'intake' : journey.stage, colour: journey.colour },
      { kind: appointment.kind, endsAt: input.endsAt, ownerRoles: ownerRoles(users, appointment.owner, journey) },
      now(),
    );
    if (!check.ok) throw refusalError(check);
    const at = now().toISOString();
    const moved: Appointment = { ...appointment, startsAt: input.startsAt, endsAt: input.endsAt, version: appointment.version + 1 };
    await saveAppointment(appointment, moved, [{ at, kind: 'appointment-moved', by: caller.user.username, summary: `Appointment moved (${appointment.kind})` }]);
    // The watch of the old time ends (it is superseded); a watch of the new time starts.
    await signalWatch('attendance', journey.id, appointment.id);
    await startWatch('attendance', { enrolmentId: journey.id, watchId: moved.id, revision: moved.version });
    return { body: { ...moved, stage: journey.stage } };
  }),

  'POST /appointments/{id}/attendance': authenticated(async (request, caller) => {
    const { appointment, journey } = await visibleAppointment(caller, request.params.id, request.route);
    const input = request.body;
    const check = checkAttendance(appointment, input.status, now());
    if (!check.ok) throw refusalError(check);
    const clock = now();
    const registered: Appointment = {
      ...appointment,
      attendance: { status: input.status, note: input.note ?? null, by: caller.user.username, at: clock.toISOString() },
      version: appointment.version + 1,
    };
    const decided = decideOrRefuse(journey, { kind: 'attendance', by: caller.user.username, status: input.status, appointment }, clock);
    // The journey is written only when the attendance changed it (its stage, colour or stage clock).
    if (decided.signals.length || decided.journey.colour !== journey.colour) {
      await saveJourney(journey, decided.journey, decided.events, [putAppointment(registered, appointment.version)]);
    } else {
      await saveAppointment(appointment, registered, decided.events);
    }
    await signalWatch('attendance', journey.id, appointment.id);
    await followDecision(journey, decided);
    return { body: { ...registered, stage: decided.journey.stage } };
  }),

  'POST /enrolments/{id}/sanction-assessments': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    // Youth coordination's group decides on a sanction after its meeting, not after a no-show (seed 003).
    const byList = journey.template === 'youth-coordination';
    if (byList !== (input.coordinationListId !== undefined)) {
      const path = byList ? 'coordinationListId' : 'appointmentId';
      throw new ApiError('invalid-input', 'the request is not valid', [{ path, message: byList ? "this programme's sanction assessments name a coordination list" : 'a sanction assessment names an appointment' }]);
    }
    const appointment = input.appointmentId === undefined ? undefined : await getAppointmentIn(journey.id, input.appointmentId);
    if (!byList && !appointment) throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'appointmentId', message: 'no such appointment of this enrolment' }]);
    const check = byList
      ? checkCoordinationSanction({ ...input, coordinationListId: input.coordinationListId!, notReachedOn: journey.coordination?.notReachedOn ?? [] })
      : checkSanction({ ...input, attendance: appointment?.attendance?.status ?? null });
    if (!check.ok) throw refusalError(check);
    const at = now().toISOString();
    const assessment = { id: randomUUID(), ...input, by: caller.user.username, at };
    await writeWithEvents(journey.id, [sanctionItem(journey.id, assessment)], [
      { at, kind: 'sanction-assessed', by: caller.user.username, summary: input.conclusion === 'recommend-sanction' ? 'Sanction recommended' : 'Assessed: no sanction' },
    ]);
    return { body: { ...assessment, stage: journey.stage } };
  }),

  'POST /enrolments/{id}/instruments': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const scored = scoreInstrument(input.instrument, input.answers);
    if (!scored.ok) throw new ApiError('invalid-input', 'the request is not valid', scored.errors);
    if (Date.parse(input.takenAt) > now().getTime() + 60_000) {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'takenAt', message: 'cannot be in the future' }]);
    }
    // The birth date is the one the CPR gave at enrolment (stored, unlike the CPR itself in plain).
    if (copenhagenDate(new Date(input.takenAt)) < journey.birthDate) {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'takenAt', message: "cannot be before the citizen's birth" }]);
    }
    if (journey.stage === 'closed') throw ruleViolated('journey-closed', 'the journey is closed');
    const programme = await programmeOf(journey);
    const at = now();
    const flagged = scored.flags.includes('suicidal-ideation');
    const record: InstrumentRecord = {
      id: randomUUID(),
      instrument: input.instrument,
      takenAt: input.takenAt,
      score: scored.score,
      severity: scored.severity,
      flags: scored.flags,
      recordedBy: caller.user.username,
      recordedAt: at.toISOString(),
      safety: flagged ? { dueAt: safetyTick(at, programme.settings, 0)!.dueAt, followUp: null } : null,
    };
    // The timeline names the instrument only: scores are health data and stay in the instrument's own record.
    const events = [{ at: record.recordedAt, kind: 'instrument-recorded', by: caller.user.username, summary: `${input.instrument} recorded` }];
    if (flagged) events.push({ at: record.recordedAt, kind: 'safety-flag', by: caller.user.username, summary: 'Safety flag raised: follow up today' });
    await writeWithEvents(journey.id, [instrumentItem(journey.id, record, input.answers)], events);
    if (flagged) {
      const to = recipientsOf(await listUsers(), journey, 'safety-team');
      await notifyOnce({ enrolmentId: journey.id, kind: 'safety-flag', dueAt: record.recordedAt, recipients: to, subject: `safety:${record.id}` });
      await startWatch('safety', { enrolmentId: journey.id, watchId: record.id, revision: 1 });
    }
    return { body: { ...record, stage: journey.stage } };
  }),

  'POST /enrolments/{id}/instruments/{instrumentId}/safety-follow-up': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const found = await getInstrument(journey.id, request.params.instrumentId);
    if (!found) throw notFound('instrument');
    const { version: _version, ...instrument } = found;
    if (!instrument.safety) throw ruleViolated('no-safety-flag', 'this instrument raised no safety flag');
    if (instrument.safety.followUp) throw conflict('the safety flag was already followed up');
    const at = now().toISOString();
    const record: InstrumentRecord = { ...instrument, safety: { ...instrument.safety, followUp: { note: input.note, by: caller.user.username, at } } };
    await recordSafetyFollowUp(journey.id, record, { at, kind: 'safety-followed-up', by: caller.user.username, summary: 'Safety flag followed up' });
    await signalWatch('safety', journey.id, instrument.id);
    return { body: { ...record, stage: journey.stage } };
  }),
});

