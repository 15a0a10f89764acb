import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { clockNow, copenhagenInstant, today, FLAGS, formatDate, formatDateTime, label, SEVERITIES } from '../format.js';
import { has } from '../session.js';
import { InstrumentResult, type InstrumentRecord } from '../../../functions/contract/instruments.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';

/** Each instrument: its number of items, the answer range and the score scale (shared/api.md). */
const INSTRUMENTS: Record<string, { items: number; max: number; scale: number; name: string }> = {
  'PHQ-9': { items: 9, max: 3, scale: 27, name: 'PHQ-9 (depression)' },
  'GAD-7': { items: 7, max: 3, scale: 21, name: 'GAD-7 (angst)' },
  'WHO-5': { items: 5, max: 5, scale: 100, name: 'WHO-5 (trivsel)' },
};

/** Each item's question, in short Danish paraphrases of the instruments (the last two weeks). */
const QUESTIONS: Record<string, string[]> = {
  'PHQ-9': [
    'Lille interesse for eller glæde ved at gøre ting',
    'Følt sig nedtrykt, deprimeret eller håbløs',
    'Svært ved at falde i søvn eller sove igennem, eller sovet for meget',
    'Følt sig træt eller haft for lidt energi',
    'Dårlig appetit eller spist for meget',
    'Haft det dårligt med sig selv, følt sig som en fiasko',
    'Svært ved at koncentrere sig, fx om at læse eller se tv',
    'Bevæget sig eller talt påfaldende langsomt, eller været meget rastløs',
    'Tanker om at det ville være bedre at være død, eller om at skade sig selv',
  ],
  'GAD-7': [
    'Følt sig nervøs, ængstelig eller på kanten',
    'Ikke kunnet stoppe eller styre sine bekymringer',
    'Bekymret sig for meget om forskellige ting',
    'Haft svært ved at slappe af',
    'Været så rastløs, at det var svært at sidde stille',
    'Blevet let irriteret eller vred',
    'Været bange for, at noget forfærdeligt kunne ske',
  ],
  'WHO-5': [
    'Har været glad og i godt humør',
    'Har følt sig rolig og afslappet',
    'Har følt sig aktiv og energisk',
    'Er vågnet frisk og udhvilet',
    'Dagligdagen har været fyldt med ting, der interesserer',
  ],
};

/** What each answer value means: how often, over the last two weeks. */
const ANSWERS: Record<string, string[]> = {
  'PHQ-9': ['Slet ikke', 'Flere dage', 'Mere end halvdelen af dagene', 'Næsten hver dag'],
  'GAD-7': ['Slet ikke', 'Flere dage', 'Mere end halvdelen af dagene', 'Næsten hver dag'],
  'WHO-5': ['På intet tidspunkt', 'Lidt af tiden', 'Lidt mindre end halvdelen af tiden', 'Lidt mere end halvdelen af tiden', 'Det meste af tiden', 'Hele tiden'],
};

/** A score chart over time for one instrument: an SVG line with labelled points and a text table for screen readers. */
export function ScoreChart({ instrument, results }: { instrument: string; results: InstrumentRecord[] }) {
  const spec = INSTRUMENTS[instrument];
  if (!spec || results.length === 0) return null;
  const w = 520;
  const h = 160;
  const pad = 32;
  const times = results.map((r) => Date.parse(r.takenAt));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => pad + (t1 === t0 ? (w - 2 * pad) / 2 : ((t - t0) / (t1 - t0)) * (w - 2 * pad));
  const y = (score: number) => h - pad + 8 - (score / spec.scale) * (h - pad - 8);
  const points = results.map((r) => `${x(Date.parse(r.takenAt)).toFixed(1)},${y(r.score).toFixed(1)}`).join(' ');
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${spec.name}: score over tid, ${results.map((r) => `${formatDate(r.takenAt)} ${r.score}`).join('; ')}`}>
        <line x1={pad} y1={y(0)} x2={w - pad} y2={y(0)} stroke="#7b8794" />
        <line x1={pad} y1={y(spec.scale)} x2={pad} y2={y(0)} stroke="#7b8794" />
        <text x={4} y={y(spec.scale) + 4} font-size="11" fill="#4a5360">
          {spec.scale}
        </text>
        <text x={12} y={y(0) + 4} font-size="11" fill="#4a5360">
          0
        </text>
        <polyline points={points} fill="none" stroke="#0b4f8a" stroke-width="2" />
        {results.map((r) => (
          <g>
            <circle cx={x(Date.parse(r.takenAt))} cy={y(r.score)} r="4" fill="#0b4f8a" />
            <text x={x(Date.parse(r.takenAt))} y={y(r.score) - 8} font-size="11" text-anchor="middle" fill="#1b1f24">
              {r.score}
            </text>
            <text x={x(Date.parse(r.takenAt))} y={h - 6} font-size="10" text-anchor="middle" fill="#4a5360">
              {formatDate(r.takenAt).slice(0, 5)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{spec.name}</figcaption>
    </figure>
  );
}

export function InstrumentsSection({ journey, session, onSaved }: SectionProps) {
  const results = [...journey.instruments].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const [instrument, setInstrument] = useState('PHQ-9');
  const [answers, setAnswers] = useState<string[]>(Array(9).fill(''));
  const [date, setDate] = useState(today());
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const canRecord = has(session, 'lead', 'tovholder', 'care-manager') && journey.stage !== 'closed';
  const spec = INSTRUMENTS[instrument]!;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult('');
    try {
      const r = await api.post(InstrumentResult, `/enrolments/${journey.id}/instruments`, {
        instrument,
        answers: answers.slice(0, spec.items).map((a) => (a === '' ? null : Number(a))),
        // Today's measurement is taken now: noon may still lie ahead.
        takenAt: date === today() ? clockNow().toISOString() : date ? copenhagenInstant(date, '12:00') : '',
      });
      setResult(`Score ${r.score} · ${label(SEVERITIES, r.severity)}${r.flags.length ? ` · ${r.flags.map((f) => label(FLAGS, f)).join(', ')}` : ''}`);
      setAnswers(Array(9).fill(''));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const byInstrument = Object.keys(INSTRUMENTS).filter((k) => results.some((r) => r.instrument === k));
  return (
    <Section title="Måleredskaber" id="instruments">
      {results.length === 0 ? (
        <p class="empty">Ingen målinger endnu.</p>
      ) : (
        <>
          {byInstrument.map((k) => (
            <ScoreChart instrument={k} results={results.filter((r) => r.instrument === k)} />
          ))}
          <ul>
            {[...results].reverse().map((r) => (
              <li>
                {formatDate(r.takenAt)}: {r.instrument} score {r.score} ({label(SEVERITIES, r.severity)})
                {r.flags.length > 0 && <strong class="field-error"> {r.flags.map((f) => label(FLAGS, f)).join(', ')}</strong>}
                {r.safety && <SafetyFollowUpView journeyId={journey.id} record={r} canFollowUp={canRecord} onSaved={onSaved} />}
              </li>
            ))}
          </ul>
        </>
      )}
      {result && (
        <p role="status" class="saved">
          Gemt: {result}
        </p>
      )}
      {canRecord && (
        <details>
          <summary>Registrér en måling</summary>
          <form onSubmit={submit} aria-label="Registrér en måling">
            <ErrorBanner error={error} />
            <div class="actions">
              <Field label="Måleredskab" error={fieldError(error, 'instrument')}>
                {(p) => (
                  <select {...p} value={instrument} onChange={(e) => setInstrument(e.currentTarget.value)}>
                    {Object.entries(INSTRUMENTS).map(([k, v]) => (
                      <option value={k}>{v.name}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Dato" error={fieldError(error, 'takenAt')}>
                {(p) => <input {...p} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
              </Field>
            </div>
            <div class="questions">
              {Array.from({ length: spec.items }, (_, n) => (
                <Field label={`Spørgsmål ${n + 1}: ${QUESTIONS[instrument]![n]}`} error={fieldError(error, `answers.${n}`)}>
                  {(p) => (
                    <select {...p} value={answers[n]} onChange={(e) => setAnswers(answers.map((a, j) => (j === n ? e.currentTarget.value : a)))}>
                      <option value="">–</option>
                      {Array.from({ length: spec.max + 1 }, (_, v) => (
                        <option value={String(v)}>
                          {v} – {ANSWERS[instrument]![v]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ))}
            </div>
            {fieldError(error, 'answers') && <p class="field-error">{fieldError(error, 'answers')}</p>}
            <button type="submit" class="primary" disabled={busy}>
              Gem måling
            </button>
          </form>
        </details>
      )}
    </Section>
  );
}

/**
 * A safety flag (PHQ-9 item 9 above 0) must be followed up the same day: its due time, and either the
 * follow-up as recorded or the form to record it (which ends the flag's reminders).
 */
function SafetyFollowUpView({ journeyId, record, canFollowUp, onSaved }: { journeyId: string; record: InstrumentRecord; canFollowUp: boolean; onSaved: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const safety = record.safety!;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(InstrumentResult, `/enrolments/${journeyId}/instruments/${encodeURIComponent(record.id)}/safety-follow-up`, { note });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (safety.followUp)
    return (
      <div class="safety done">
        Fulgt op {formatDateTime(safety.followUp.at)} af {safety.followUp.by}: {safety.followUp.note}
      </div>
    );
  return (
    <div class="safety open" role="alert">
      <strong>Sikkerhedsflag: skal følges op senest {formatDateTime(safety.dueAt)}.</strong>
      {canFollowUp && (
        <form onSubmit={submit} aria-label={`Opfølgning på sikkerhedsflag ${formatDate(record.takenAt)}`}>
          <ErrorBanner error={error} />
          <Field label="Hvad blev gjort (samtale, henvisning, aftale)" error={fieldError(error, 'note')}>
            {(p) => <textarea {...p} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            Registrér opfølgning
          </button>
        </form>
      )}
    </div>
  );
}
