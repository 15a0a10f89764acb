import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { ImportAccepted, ImportProgress, ImportResult, Journey, type Programme } from '../../../functions/contract/schemas.js';
import { api, ApiProblem, upload } from '../api.js';
import { municipalityName } from '../format.js';
import { navigate } from '../main.js';
import type { Session } from '../session.js';
import { danishImportReason } from '../texts-events.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';

type Result = z.output<typeof ImportResult>;
type Progress = z.output<typeof ImportProgress>;

/** How often a running import's progress is asked for. */
const POLL_MS = 1000;

/**
 * The lead's CSV import (cpr;name;municipality). A small file answers with its result at once; a large one
 * answers 202 and goes on in a workflow, whose progress is polled here until it is done.
 */
export function ImportSection({ programme, onImported }: { programme: Programme; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    if (!importId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const p = await api.get(ImportProgress, `/imports/${encodeURIComponent(importId)}`);
        if (cancelled) return;
        setProgress(p);
        if (p.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else {
          setImportId(null);
          if (p.status === 'done') setResult({ created: p.created, rejected: p.rejected });
          onImported();
        }
      } catch (e) {
        if (!cancelled) (setError(e), setImportId(null));
      }
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [importId]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      const reply = await upload({ done: ImportResult, accepted: ImportAccepted }, `/programmes/${programme.id}/enrolments/import`, { type: 'text/csv', data: file });
      if (reply.accepted) setImportId(reply.body.importId);
      else {
        setResult(reply.body);
        onImported();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const running = importId !== null;
  return (
    <Section title="Importér borgere" id="import">
      <form onSubmit={submit} aria-label="Importér borgere fra en CSV-fil">
        <ErrorBanner error={error} />
        <Field label="CSV-fil" hint="Linjer med cpr;navn;kommune, overskrift på første linje.">
          {(p) => <input {...p} type="file" name="csv" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />}
        </Field>
        <button type="submit" class="primary" disabled={busy || running || !file}>
          Importér
        </button>
      </form>
      {running && (
        <div role="status" class="import-progress">
          <p>Importen kører i baggrunden. Du kan blive på siden og følge med.</p>
          {progress && (
            <>
              <progress max={progress.total} value={progress.done} aria-label="Importens fremskridt" />
              <p>
                {progress.done} af {progress.total} linjer behandlet, {progress.created} borgere oprettet.
              </p>
            </>
          )}
        </div>
      )}
      {progress?.status === 'failed' && (
        <div class="error-banner" role="alert">
          Importen stoppede med en fejl efter {progress.done} af {progress.total} linjer ({progress.created} borgere oprettet). Importér filen igen: borgere, der allerede er oprettet, oprettes ikke to gange.
        </div>
      )}
      {result && <ImportOutcome result={result} />}
    </Section>
  );
}

function ImportOutcome({ result }: { result: Result }) {
  return (
    <div role="status" class="import-result">
      <p>
        <strong>{result.created} {result.created === 1 ? 'borger' : 'borgere'} oprettet.</strong> {result.rejected.length === 0 ? 'Ingen linjer blev afvist.' : `${result.rejected.length} ${result.rejected.length === 1 ? 'linje' : 'linjer'} blev afvist:`}
      </p>
      {result.rejected.length > 0 && (
        <table class="import-rejections">
          <caption class="visually-hidden">Afviste linjer</caption>
          <thead>
            <tr>
              <th scope="col">Linje</th>
              <th scope="col">Årsag</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td>{danishImportReason(r.reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The lead enrols one citizen: the journey starts, and the citizen's page opens. */
export function EnrolSection({ programme, session }: { programme: Programme; session: Session }) {
  const municipalities = programme.municipalities.filter((m) => session.me.municipalities.includes(m));
  const [form, setForm] = useState({ cpr: '', name: '', municipality: municipalities[0] ?? '', phone: '', email: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  // The same CPR twice in a programme is a conflict; it belongs at the CPR field, in words that say so.
  const duplicate = error instanceof ApiProblem && error.code === 'conflict';

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const journey = await api.post(Journey, `/programmes/${programme.id}/enrolments`, {
        cpr: form.cpr.trim(),
        name: form.name,
        municipality: form.municipality,
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
      });
      navigate(`#/borger/${journey.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Indskriv en borger" id="enrol">
      <form onSubmit={submit} aria-label="Indskriv en borger">
        {!duplicate && <ErrorBanner error={error} />}
        <div class="row actions">
          <Field label="CPR-nummer" hint="DDMMÅÅ-LLLL" error={duplicate ? 'Borgeren er allerede indskrevet i programmet.' : fieldError(error, 'cpr')}>
            {(p) => <input {...p} name="cpr" inputMode="numeric" autoComplete="off" value={form.cpr} onInput={set('cpr')} />}
          </Field>
          <Field label="Navn" error={fieldError(error, 'name')}>
            {(p) => <input {...p} name="name" autoComplete="off" value={form.name} onInput={set('name')} />}
          </Field>
          <Field label="Kommune" error={fieldError(error, 'municipality')}>
            {(p) => (
              <select {...p} value={form.municipality} onChange={set('municipality')}>
                {municipalities.map((m) => (
                  <option value={m}>{municipalityName(m)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Telefon (valgfrit)" error={fieldError(error, 'phone')}>
            {(p) => <input {...p} type="tel" value={form.phone} onInput={set('phone')} />}
          </Field>
          <Field label="E-mail (valgfrit)" error={fieldError(error, 'email')}>
            {(p) => <input {...p} type="email" value={form.email} onInput={set('email')} />}
          </Field>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          Indskriv borgeren
        </button>
      </form>
    </Section>
  );
}
