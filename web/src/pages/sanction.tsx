import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatDate, formatDateTime, formatTime } from '../format.js';
import { has } from '../session.js';
import { SanctionAssessmentResult } from '../../../functions/contract/appointments.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';

/** The three questions of a sanction assessment after a no-show, in the order the caseworker asks them. */
export const SANCTION_QUESTIONS = {
  reasonableCause: 'Havde borgeren en rimelig grund til at udeblive?',
  lackOfResources: 'Skyldes udeblivelsen manglende ressourcer (fx helbred eller sociale forhold)?',
  financialHardship: 'Vil en sanktion bringe borgeren i økonomisk nød?',
} as const;
type Question = keyof typeof SANCTION_QUESTIONS;

export const CONCLUSIONS: Record<string, string> = { 'no-sanction': 'Ingen sanktion', 'recommend-sanction': 'Sanktion anbefales' };

const yesNo = (v: boolean) => (v ? 'Ja' : 'Nej');

/**
 * Sanction assessments: each one shown in full (the three answers, the conclusion, the note, who and when),
 * and the form for a no-show not assessed yet. A sanction can only be recommended when all three answers are no.
 */
export function SanctionSection({ journey, session, onSaved }: SectionProps) {
  const assessments = journey.sanctionAssessments;
  const noShows = journey.appointments.filter((a) => a.attendance?.status === 'no-show');
  const open = noShows.filter((a) => !assessments.some((s) => s.appointmentId === a.id));
  const canAssess = has(session, 'lead', 'tovholder') && journey.stage !== 'closed' && open.length > 0;
  const [appointmentId, setAppointmentId] = useState(open[0]?.id ?? '');
  const [answers, setAnswers] = useState<Record<Question, boolean | null>>({ reasonableCause: null, lackOfResources: null, financialHardship: null });
  const [conclusion, setConclusion] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (assessments.length === 0 && !canAssess) return null;
  const anyYes = Object.values(answers).some((v) => v === true);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(SanctionAssessmentResult, `/enrolments/${journey.id}/sanction-assessments`, {
        appointmentId: appointmentId || undefined,
        ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v ?? undefined])),
        conclusion: conclusion || undefined,
        note,
      });
      setNote('');
      setConclusion('');
      setAnswers({ reasonableCause: null, lackOfResources: null, financialHardship: null });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Sanktionsvurdering" id="sanction">
      {assessments.map((s) => {
        const appointment = journey.appointments.find((a) => a.id === s.appointmentId);
        return (
          <div class="sanction-assessment">
            <h3>
              {CONCLUSIONS[s.conclusion]}
              {appointment ? ` · udeblivelse ${formatDate(appointment.startsAt)} kl. ${formatTime(appointment.startsAt)}` : ''}
            </h3>
            <dl class="facts">
              {(Object.keys(SANCTION_QUESTIONS) as Question[]).map((q) => (
                <div>
                  <dt>{SANCTION_QUESTIONS[q]}</dt>
                  <dd>{yesNo(s[q])}</dd>
                </div>
              ))}
              <div>
                <dt>Begrundelse</dt>
                <dd>{s.note}</dd>
              </div>
            </dl>
            <p class="by">
              Vurderet af {s.by}, {formatDateTime(s.at)}
            </p>
          </div>
        );
      })}
      {canAssess && (
        <form onSubmit={submit} aria-label="Vurdér sanktion">
          <ErrorBanner error={error} />
          <Field label="Udeblivelse" error={fieldError(error, 'appointmentId')}>
            {(p) => (
              <select {...p} value={appointmentId} onChange={(e) => setAppointmentId(e.currentTarget.value)}>
                {open.map((a) => (
                  <option value={a.id}>
                    {formatDate(a.startsAt)} kl. {formatTime(a.startsAt)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {(Object.keys(SANCTION_QUESTIONS) as Question[]).map((q) => (
            <fieldset class={fieldError(error, q) ? 'has-error' : undefined}>
              <legend>{SANCTION_QUESTIONS[q]}</legend>
              {[true, false].map((v) => (
                <label class="radio">
                  <input type="radio" name={q} checked={answers[q] === v} onChange={() => setAnswers({ ...answers, [q]: v })} /> {yesNo(v)}
                </label>
              ))}
              {fieldError(error, q) && <span class="field-error">{fieldError(error, q)}</span>}
            </fieldset>
          ))}
          <fieldset class={fieldError(error, 'conclusion') ? 'has-error' : undefined}>
            <legend>Konklusion</legend>
            {Object.entries(CONCLUSIONS).map(([k, v]) => (
              <label class="radio">
                <input type="radio" name="conclusion" checked={conclusion === k} disabled={k === 'recommend-sanction' && anyYes} onChange={() => setConclusion(k)} /> {v}
              </label>
            ))}
            {anyYes && <span class="hint">En sanktion kan ikke anbefales, når et af spørgsmålene er besvaret med ja.</span>}
            {fieldError(error, 'conclusion') && <span class="field-error">{fieldError(error, 'conclusion')}</span>}
          </fieldset>
          <Field label="Begrundelse" error={fieldError(error, 'note')}>
            {(p) => <textarea {...p} rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            Gem vurdering
          </button>
        </form>
      )}
    </Section>
  );
}
