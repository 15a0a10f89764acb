import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import type { UserSummary } from '../../../functions/contract/schemas.js';
import { api } from '../api.js';
import { APPOINTMENT_KINDS, ATTENDANCE, copenhagenInstant, today, formatDate, formatTime, isoWeek, label } from '../format.js';
import { has } from '../session.js';
import { AppointmentResult } from '../../../functions/contract/appointments.js';
import { staff } from '../users.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';

/** Appointments with their attendance buttons, and booking a new one (times in Copenhagen, with week numbers). */
export function AppointmentsSection({ journey, session, onSaved }: SectionProps) {
  const appointments = [...journey.appointments].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const [people, setPeople] = useState<z.output<typeof UserSummary>[]>([]);
  const [form, setForm] = useState({ kind: 'intake', date: today(), start: '10:00', end: '10:30', owner: session.me.username });
  const [error, setError] = useState<unknown>(null);
  const [attendanceError, setAttendanceError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
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
      });
      setSaved('Aftalen er booket.');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function register(id: string, status: string) {
    setAttendanceError(null);
    setSaved('');
    try {
      await api.post(AppointmentResult, `/appointments/${encodeURIComponent(id)}/attendance`, { status });
      setSaved(`Fremmøde registreret: ${label(ATTENDANCE, status)}.`);
      onSaved();
    } catch (err) {
      setAttendanceError(err);
    }
  }

  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const ownerName = (u: string) => people.find((p) => p.username === u)?.name ?? u;
  return (
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
                    Uge {isoWeek(a.startsAt)}, {formatDate(a.startsAt)} kl. {formatTime(a.startsAt)}–{formatTime(a.endsAt)}
                  </td>
                  <td>{label(APPOINTMENT_KINDS, a.kind)}</td>
                  <td>{ownerName(a.owner)}</td>
                  <td>
                    {attended ? (
                      <strong>{label(ATTENDANCE, attended)}</strong>
                    ) : (
                      <div class="actions" role="group" aria-label={`Registrér fremmøde ${formatDate(a.startsAt)}`}>
                        {(['attended', 'no-show', 'cancelled'] as const).map((s) => (
                          <button type="button" class={s === 'no-show' ? 'danger' : undefined} onClick={() => void register(a.id, s)}>
                            {ATTENDANCE[s]}
                          </button>
                        ))}
                      </div>
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
                    {!people.some((u) => u.username === form.owner) && <option value={form.owner}>{session.me.name}</option>}
                    {people.map((u) => (
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
  );
}
