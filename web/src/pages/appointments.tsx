import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import type { UserSummary } from '../../../functions/contract/schemas.js';
import { api } from '../api.js';
import { APPOINTMENT_KINDS, ATTENDANCE, copenhagenDay, copenhagenInstant, today, formatDate, formatTime, isoWeek, label } from '../format.js';
import { has } from '../session.js';
import { AppointmentResult, type Appointment } from '../../../functions/contract/appointments.js';
import { eligibleOwnerRoles } from '../../../functions/domain/appointments.js';
import { staff } from '../users.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';
import { SanctionSection } from './sanction.js';

/** "Uge 10, 03.03.2031 kl. 10:00–10:45": an appointment's time in Copenhagen with its week number. */
export const appointmentTime = (a: Appointment) => `Uge ${isoWeek(a.startsAt)}, ${formatDate(a.startsAt)} kl. ${formatTime(a.startsAt)}–${formatTime(a.endsAt)}`;

/**
 * The attendance buttons of one appointment not yet registered. Cancelling cannot be undone, so it asks first.
 * Used on the citizen's page and on the provider's own appointments.
 */
export function AttendanceActions({ appointment, onRegistered, onError }: { appointment: Appointment; onRegistered: (status: string) => void; onError: (e: unknown) => void }) {
  async function register(status: string) {
    if (status === 'cancelled' && !confirm(`Aflys aftalen ${formatDate(appointment.startsAt)} kl. ${formatTime(appointment.startsAt)}? Det kan ikke fortrydes.`)) return;
    try {
      await api.post(AppointmentResult, `/appointments/${encodeURIComponent(appointment.id)}/attendance`, { status });
      onRegistered(status);
    } catch (err) {
      onError(err);
    }
  }
  return (
    <div class="actions" role="group" aria-label={`Registrér fremmøde ${formatDate(appointment.startsAt)} kl. ${formatTime(appointment.startsAt)}`}>
      {(['attended', 'no-show', 'cancelled'] as const).map((s) => (
        <button type="button" class={s === 'no-show' ? 'danger' : undefined} onClick={() => void register(s)}>
          {ATTENDANCE[s]}
        </button>
      ))}
    </div>
  );
}

/** Moving an appointment to another day or time (PATCH /appointments/{id}); re-arms its attendance watch. */
function MoveForm({ appointment, onMoved, onCancel }: { appointment: Appointment; onMoved: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({ date: copenhagenDay(appointment.startsAt), start: formatTime(appointment.startsAt), end: formatTime(appointment.endsAt) });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  async function move(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.patch(AppointmentResult, `/appointments/${encodeURIComponent(appointment.id)}`, {
        startsAt: form.date && form.start ? copenhagenInstant(form.date, form.start) : '',
        endsAt: form.date && form.end ? copenhagenInstant(form.date, form.end) : '',
      });
      onMoved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={move} aria-label={`Flyt aftalen ${formatDate(appointment.startsAt)}`} class="move-form">
      <ErrorBanner error={error} />
      <div class="row actions">
        <Field label="Ny dato" error={fieldError(error, 'startsAt')} hint={form.date ? `Uge ${isoWeek(`${form.date}T12:00:00Z`)}` : undefined}>
          {(p) => <input {...p} type="date" value={form.date} onInput={set('date')} />}
        </Field>
        <Field label="Fra kl." error={fieldError(error, 'startsAt')}>
          {(p) => <input {...p} type="time" value={form.start} onInput={set('start')} />}
        </Field>
        <Field label="Til kl." error={fieldError(error, 'endsAt')}>
          {(p) => <input {...p} type="time" value={form.end} onInput={set('end')} />}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Flyt aftalen
        </button>
        <button type="button" onClick={onCancel}>
          Fortryd
        </button>
      </div>
    </form>
  );
}

/** Appointments with their attendance buttons, moving one, and booking a new one (times in Copenhagen, with week numbers). */
export function AppointmentsSection({ journey, session, onSaved }: SectionProps) {
  const appointments = [...journey.appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const [people, setPeople] = useState<z.output<typeof UserSummary>[]>([]);
  const [form, setForm] = useState({ kind: 'intake', date: today(), start: '10:00', end: '10:30', owner: session.me.username, interventionId: '' });
  const [error, setError] = useState<unknown>(null);
  const [attendanceError, setAttendanceError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [moving, setMoving] = useState<string | null>(null);
  const canBook = has(session, 'lead', 'tovholder', 'caseworker', 'care-manager') && journey.stage !== 'closed';

  useEffect(() => {
    if (journey.programmeId) void staff(journey.programmeId).then(setPeople);
  }, [journey.programmeId]);

  async function book(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      await api.post(AppointmentResult, `/enrolments/${journey.id}/appointments`, {
        kind: form.kind,
        startsAt: form.date && form.start ? copenhagenInstant(form.date, form.start) : '',
        endsAt: form.date && form.end ? copenhagenInstant(form.date, form.end) : '',
        owner: form.owner,
        ...(form.kind === 'intervention' ? { interventionId: form.interventionId || undefined } : {}),
      });
      setSaved('Aftalen er booket.');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const ownerName = (u: string) => people.find((p) => p.username === u)?.name ?? u;
  // Only those who may hold this kind of appointment for this citizen are offered (never an evaluator).
  const eligible = eligibleOwnerRoles(form.kind as Appointment['kind'], journey.colour);
  const owners = people.filter((u) => u.roles.some((r) => eligible.includes(r)));
  const interventions = journey.plan?.interventions ?? [];
  return (
    <>
      <Section title="Aftaler" id="appointments">
        <ErrorBanner error={attendanceError} />
        {appointments.length === 0 ? (
          <p class="empty">Ingen aftaler.</p>
        ) : (
          <table>
            <caption class="visually-hidden">Aftaler</caption>
            <thead>
              <tr>
                <th scope="col">Hvornår</th>
                <th scope="col">Type</th>
                <th scope="col">Ansvarlig</th>
                <th scope="col">Fremmøde</th>
              </tr>
            </thead>
            <tbody>
              {appointments.map((a) => {
                const attended = a.attendance?.status;
                return (
                  <tr key={a.id} data-appointment={a.id}>
                    <td>
                      {appointmentTime(a)}
                      {canBook && !attended && moving !== a.id && (
                        <>
                          {' '}
                          <button type="button" class="link-button" onClick={() => setMoving(a.id)}>
                            Flyt
                          </button>
                        </>
                      )}
                      {moving === a.id && (
                        <MoveForm
                          appointment={a}
                          onCancel={() => setMoving(null)}
                          onMoved={() => {
                            setMoving(null);
                            setSaved('Aftalen er flyttet.');
                            onSaved();
                          }}
                        />
                      )}
                    </td>
                    <td>{label(APPOINTMENT_KINDS, a.kind)}</td>
                    <td>{ownerName(a.owner)}</td>
                    <td>
                      {attended ? (
                        <strong>{label(ATTENDANCE, attended)}</strong>
                      ) : (
                        <AttendanceActions
                          appointment={a}
                          onError={setAttendanceError}
                          onRegistered={(status) => {
                            setAttendanceError(null);
                            setSaved(`Fremmøde registreret: ${label(ATTENDANCE, status)}.`);
                            onSaved();
                          }}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {saved && (
          <p role="status" class="saved">
            {saved}
          </p>
        )}
        {canBook && (
          <details>
            <summary>Book en aftale</summary>
            <form onSubmit={book} aria-label="Book en aftale">
              <ErrorBanner error={error} />
              <div class="row actions">
                <Field label="Type" error={fieldError(error, 'kind')}>
                  {(p) => (
                    <select {...p} value={form.kind} onChange={set('kind')}>
                      {Object.entries(APPOINTMENT_KINDS).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  )}
                </Field>
                {form.kind === 'intervention' && (
                  <Field label="Indsats i planen" error={fieldError(error, 'interventionId')}>
                    {(p) => (
                      <select {...p} value={form.interventionId} onChange={set('interventionId')}>
                        <option value="">Vælg …</option>
                        {interventions.map((i) => (
                          <option value={i.id}>{i.title}</option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                <Field label="Dato" error={fieldError(error, 'startsAt')} hint={form.date ? `Uge ${isoWeek(`${form.date}T12:00:00Z`)}` : undefined}>
                  {(p) => <input {...p} type="date" value={form.date} onInput={set('date')} />}
                </Field>
                <Field label="Fra kl." error={fieldError(error, 'startsAt')}>
                  {(p) => <input {...p} type="time" value={form.start} onInput={set('start')} />}
                </Field>
                <Field label="Til kl." error={fieldError(error, 'endsAt')}>
                  {(p) => <input {...p} type="time" value={form.end} onInput={set('end')} />}
                </Field>
                <Field label="Ansvarlig" error={fieldError(error, 'owner')}>
                  {(p) => (
                    <select {...p} value={form.owner} onChange={set('owner')}>
                      {!owners.some((u) => u.username === form.owner) && <option value={form.owner}>{ownerName(form.owner)}</option>}
                      {owners.map((u) => (
                        <option value={u.username}>{u.name}</option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <button type="submit" class="primary" disabled={busy}>
                Book aftale
              </button>
            </form>
          </details>
        )}
      </Section>
      <SanctionSection journey={journey} session={session} onSaved={onSaved} />
    </>
  );
}
