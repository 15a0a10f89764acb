import { useState } from 'preact/hooks';
import { api, ApiProblem } from '../api.js';
import { AREAS, formatDate, today, label, OUTCOMES, RESOURCE_UNITS } from '../format.js';
import { has } from '../session.js';
import { OutcomeResult } from '../../../functions/contract/schemas.js';
import { PreparatoryFormResult } from '../../../functions/contract/plan.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';

type AreaDraft = { on: boolean; wish: string; problem: string; priority: string };

/** The preparatory form: which life areas matter, the citizen's wishes and problems, with its version. */
export function PreparatoryFormSection({ journey, session, onSaved }: SectionProps) {
  const form = journey.preparatoryForm;
  const initial = () =>
    Object.fromEntries(
      Object.keys(AREAS).map((a) => {
        const hit = form?.areas.find((x) => x.area === a);
        return [a, { on: Boolean(hit), wish: hit?.wish ?? '', problem: hit?.problem ?? '', priority: hit?.priority ? String(hit.priority) : '' }];
      }),
    ) as Record<string, AreaDraft>;
  const [editing, setEditing] = useState(false);
  const [areas, setAreas] = useState(initial);
  const [participated, setParticipated] = useState(form?.citizenParticipated ?? true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [proposal, setProposal] = useState<string>('');
  const canEdit = has(session, 'lead', 'tovholder', 'caseworker') && journey.stage !== 'closed';

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const chosen = Object.entries(areas).filter(([, v]) => v.on);
      const r = await api.put(PreparatoryFormResult, `/enrolments/${journey.id}/preparatory-form`, {
        ...(form ? { version: form.version } : {}),
        citizenParticipated: participated,
        areas: chosen.map(([area, v]) => ({ area, ...(v.wish ? { wish: v.wish } : {}), ...(v.problem ? { problem: v.problem } : {}), ...(v.priority ? { priority: Number(v.priority) } : {}) })),
      });
      const units = r.preparatoryForm.proposedTeam.units;
      setProposal(units.length ? `Skemaet er gemt. Foreslåede enheder fra ressourcenetværket: ${units.map((u) => label(RESOURCE_UNITS, u.unit)).join(', ')}.` : 'Skemaet er gemt.');
      setEditing(false);
      onSaved();
    } catch (err) {
      setError(err);
      if (err instanceof ApiProblem && err.code === 'conflict') onSaved();
    } finally {
      setBusy(false);
    }
  }

  const chosenIndex = Object.entries(areas).filter(([, v]) => v.on).map(([a]) => a);
  return (
    <Section
      title="Forberedelsesskema"
      id="preparatory-form"
      actions={canEdit && !editing ? <button type="button" onClick={() => (setAreas(initial()), setEditing(true))}>{form ? 'Redigér skema' : 'Udfyld skema'}</button> : undefined}
    >
      {form ? (
        <ul>
          {form.areas.map((a) => (
            <li>
              <strong>{label(AREAS, a.area)}</strong>
              {a.priority ? ` (prioritet ${a.priority})` : ''}
              {a.wish ? ` · Ønske: ${a.wish}` : ''}
              {a.problem ? ` · Udfordring: ${a.problem}` : ''}
            </li>
          ))}
          {form.proposedTeam.units.length ? <li>Foreslåede enheder: {form.proposedTeam.units.map((u) => label(RESOURCE_UNITS, u.unit)).join(', ')}</li> : null}
          <li class="hint">{form.citizenParticipated ? 'Udfyldt sammen med borgeren' : 'Udfyldt uden borgeren'} · version {form.version}</li>
        </ul>
      ) : (
        <p class="empty">Skemaet er ikke udfyldt.</p>
      )}
      {proposal && (
        <p role="status" class="saved">
          {proposal}
        </p>
      )}
      {editing && (
        <form onSubmit={save} aria-label="Forberedelsesskema">
          <ErrorBanner error={error} />
          <div class="field checkbox">
            <label>
              <input type="checkbox" checked={participated} onChange={(e) => setParticipated(e.currentTarget.checked)} /> Borgeren deltog
            </label>
          </div>
          <fieldset>
            <legend>Livsområder</legend>
            {Object.entries(AREAS).map(([a, text]) => (
              <label class="radio">
                <input type="checkbox" checked={areas[a]!.on} onChange={(e) => setAreas({ ...areas, [a]: { ...areas[a]!, on: e.currentTarget.checked } })} /> {text}
              </label>
            ))}
          </fieldset>
          {chosenIndex.map((a, n) => (
            <fieldset>
              <legend>{label(AREAS, a)}</legend>
              <div class="actions">
                <Field label={`Ønske (${label(AREAS, a)})`} error={fieldError(error, `areas.${n}.wish`)}>
                  {(p) => <input {...p} value={areas[a]!.wish} onInput={(e) => setAreas({ ...areas, [a]: { ...areas[a]!, wish: e.currentTarget.value } })} />}
                </Field>
                <Field label={`Udfordring (${label(AREAS, a)})`} error={fieldError(error, `areas.${n}.problem`)}>
                  {(p) => <input {...p} value={areas[a]!.problem} onInput={(e) => setAreas({ ...areas, [a]: { ...areas[a]!, problem: e.currentTarget.value } })} />}
                </Field>
                <Field label={`Prioritet (${label(AREAS, a)})`} error={fieldError(error, `areas.${n}.priority`)}>
                  {(p) => <input {...p} type="number" min={1} max={11} value={areas[a]!.priority} onInput={(e) => setAreas({ ...areas, [a]: { ...areas[a]!, priority: e.currentTarget.value } })} />}
                </Field>
              </div>
            </fieldset>
          ))}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              Gem skema
            </button>
            <button type="button" onClick={() => (setEditing(false), setError(null))}>
              Annullér
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

/** The outcome of the journey: job, education, … — moves it to aftercare or closes it. */
export function OutcomeSection({ journey, session, onSaved }: SectionProps) {
  const outcome = journey.outcome;
  const [value, setValue] = useState('');
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Brug for alle records the outcome from follow-up on, not from the intake; one recorded in aftercare ends it.
  const due = journey.template === 'brug-for-alle' ? journey.stage === 'follow-up' : journey.stage !== 'closed' && journey.stage !== 'screening';
  const endsAftercare = journey.stage === 'aftercare';
  const canRecord = has(session, 'lead', 'tovholder') && ((due && !outcome) || endsAftercare);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(OutcomeResult, `/enrolments/${journey.id}/outcome`, { outcome: value || undefined, date, ...(note ? { note } : {}) });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!outcome && !canRecord) return null;
  return (
    <Section title="Udfald" id="outcome">
      {outcome && (
        <p>
          <strong>{label(OUTCOMES, outcome.outcome)}</strong> den {formatDate(outcome.date)}
          {outcome.note ? ` · ${outcome.note}` : ''}
        </p>
      )}
      {canRecord && (
        <form onSubmit={(e) => (endsAftercare && !confirm('Afslut efterværnet? Forløbet lukkes.') ? e.preventDefault() : save(e))} aria-label={endsAftercare ? 'Afslut efterværn' : 'Registrér udfald'}>
          <ErrorBanner error={error} />
          <div class="actions">
            <Field label="Udfald" error={fieldError(error, 'outcome')}>
              {(p) => (
                <select {...p} value={value} onChange={(e) => setValue(e.currentTarget.value)}>
                  <option value="">Vælg …</option>
                  {Object.entries(OUTCOMES).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Dato" error={fieldError(error, 'date')}>
              {(p) => <input {...p} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
            </Field>
          </div>
          <Field label="Bemærkning" error={fieldError(error, 'note')}>
            {(p) => <input {...p} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            {endsAftercare ? 'Afslut efterværn' : 'Registrér udfald'}
          </button>
        </form>
      )}
    </Section>
  );
}
