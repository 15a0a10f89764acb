import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { Export, ExportAccepted, ExportFileLink, ExportList, ExportSchedule } from '../../../functions/contract/exports.js';
import { api, getConfig, getToken } from '../api.js';
import { formatDateTime } from '../format.js';
import type { Session } from '../session.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';

type ExportView = z.output<typeof Export>;

const POLL_MS = 1000;
const KINDS: Record<string, string> = { panel: 'Panel (én række pr. borger og måned, pseudonymiseret)', indicators: 'Indikatorer (pr. kommune og måned, små tal skjult)' };
const FORMATS: Record<string, string> = { csv: 'CSV (Excel, dansk)', xlsx: 'Excel (XLSX)', parquet: 'Parquet' };
const STATUS: Record<string, string> = { running: 'I gang', done: 'Færdig', failed: 'Fejlet' };

/**
 * A file of an export. In the cloud the API gives a short-lived presigned link (`as=link`), which the page opens
 * itself (a fetch may not follow it: the page's CSP keeps it to the API); locally the API gives the bytes.
 */
async function downloadFile(exportId: string, name: string): Promise<void> {
  const res = await fetch(`${getConfig().apiUrl ?? ''}/exports/${encodeURIComponent(exportId)}/files/${encodeURIComponent(name)}?as=link`, { headers: { authorization: `Bearer ${getToken()}` } });
  if (!res.ok) throw new Error(`Filen kunne ikke hentes (${res.status}).`);
  // The file itself comes as an attachment; the link without one.
  if (!res.headers.get('content-disposition')) return location.assign(ExportFileLink.parse(await res.json()).url);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportFiles({ made }: { made: ExportView }) {
  const [error, setError] = useState<unknown>(null);
  if (made.status !== 'done') return null;
  return (
    <>
      <ul class="files">
        {made.files.map((f) => (
          <li>
            <button type="button" class="link-button" onClick={() => downloadFile(made.id, f.name).catch(setError)}>
              Hent {f.name}
            </button>{' '}
            <span class="by">({Math.max(1, Math.round(f.bytes / 1024))} kB)</span>
          </li>
        ))}
      </ul>
      {error ? <ErrorBanner error={error} /> : null}
    </>
  );
}

/**
 * The evaluator's page: start an export of the programme, follow it while it runs, download its files; set the
 * monthly schedule. Nothing here shows or links to a citizen.
 */
export function EvaluationPage({ session }: { session: Session }) {
  const programme = session.programme;
  const [kind, setKind] = useState('panel');
  const [format, setFormat] = useState('csv');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState<ExportView | null>(null);
  const [list, setList] = useState<ExportView[]>([]);
  const [day, setDay] = useState('1');
  const [scheduleKind, setScheduleKind] = useState('indicators');
  const [scheduleFormat, setScheduleFormat] = useState('xlsx');
  const [schedule, setSchedule] = useState<z.output<typeof ExportSchedule> | null>(null);
  const [scheduleError, setScheduleError] = useState<unknown>(null);

  const refresh = () => programme && api.get(ExportList, `/programmes/${programme.id}/exports`).then((l) => setList(l.items), setError);
  useEffect(() => void refresh(), [programme?.id]);

  useEffect(() => {
    if (!running || running.status !== 'running') return;
    const timer = setTimeout(() => {
      api.get(Export, `/exports/${running.id}`).then((e) => {
        setRunning(e);
        if (e.status !== 'running') void refresh();
      }, setError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running]);

  if (!programme) return <p>Du er ikke tilknyttet et program.</p>;

  async function start(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const accepted = await api.post(ExportAccepted, `/programmes/${programme!.id}/exports`, { kind, format, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      setRunning(await api.get(Export, `/exports/${accepted.id}`));
      void refresh();
    } catch (err) {
      setError(err);
    }
  }

  async function saveSchedule(e: Event) {
    e.preventDefault();
    setScheduleError(null);
    try {
      setSchedule(await api.put(ExportSchedule, `/programmes/${programme!.id}/export-schedule`, { kind: scheduleKind, format: scheduleFormat, dayOfMonth: Number(day) }));
    } catch (err) {
      setScheduleError(err);
    }
  }

  return (
    <>
      <h1>Evaluering — {programme.name}</h1>
      <p>Udtræk til evaluering indeholder ingen CPR-numre, navne eller fritekst. Borgerne står under et pseudonym, og små tal (1–4) er skjult i indikatorerne.</p>
      <div class="citizen-grid">
        <Section title="Nyt udtræk" id="new-export">
          <form onSubmit={start}>
            <fieldset>
              <legend>Indhold</legend>
              {Object.entries(KINDS).map(([value, text]) => (
                <label class="radio">
                  <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} /> {text}
                </label>
              ))}
            </fieldset>
            <Field label="Format">
              {(p) => (
                <select {...p} value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
                  {Object.entries(FORMATS).map(([value, text]) => (
                    <option value={value}>{text}</option>
                  ))}
                </select>
              )}
            </Field>
            <div class="row">
              <Field label="Fra måned (valgfri)" error={fieldError(error, 'from')}>
                {(p) => <input {...p} type="month" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}
              </Field>
              <Field label="Til måned (valgfri)" error={fieldError(error, 'to')}>
                {(p) => <input {...p} type="month" value={to} onInput={(e) => setTo(e.currentTarget.value)} />}
              </Field>
            </div>
            <button type="submit" disabled={running?.status === 'running'}>
              Start udtræk
            </button>
          </form>
          {error ? <ErrorBanner error={error} /> : null}
          {running && (
            <div class="export-progress" role="status" aria-live="polite">
              <p>
                Udtræk {KINDS[running.kind]?.split(' (')[0]?.toLowerCase()} som {FORMATS[running.format]}: <strong>{STATUS[running.status]}</strong>
                {running.status === 'running' && ` — ${running.progress.done} af ${running.progress.total} forløb`}
              </p>
              {running.status === 'running' && <progress max={Math.max(1, running.progress.total)} value={running.progress.done} aria-label="Fremdrift" />}
              <ExportFiles made={running} />
            </div>
          )}
        </Section>
        <Section title="Månedligt udtræk" id="export-schedule">
          <form onSubmit={saveSchedule}>
            <div class="row">
              <Field label="Dag i måneden (1–28)" error={fieldError(scheduleError, 'dayOfMonth')}>
                {(p) => <input {...p} type="number" min={1} max={28} value={day} onInput={(e) => setDay(e.currentTarget.value)} />}
              </Field>
              <Field label="Indhold">
                {(p) => (
                  <select {...p} value={scheduleKind} onChange={(e) => setScheduleKind(e.currentTarget.value)}>
                    {Object.entries(KINDS).map(([value, text]) => (
                      <option value={value}>{text.split(' (')[0]}</option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Format">
                {(p) => (
                  <select {...p} value={scheduleFormat} onChange={(e) => setScheduleFormat(e.currentTarget.value)}>
                    {Object.entries(FORMATS).map(([value, text]) => (
                      <option value={value}>{text}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <button type="submit">Gem plan</button>
          </form>
          {scheduleError ? <ErrorBanner error={scheduleError} /> : null}
          {schedule && <p role="status">Udtrækket laves den {schedule.dayOfMonth}. i hver måned kl. 3 (dansk tid).</p>}
        </Section>
        <Section title="Tidligere udtræk" id="exports" wide>
          {list.length === 0 ? (
            <p class="empty">Ingen udtræk endnu.</p>
          ) : (
            <table>
              <caption class="sr-only">Programmets udtræk, nyeste først</caption>
              <thead>
                <tr>
                  <th scope="col">Startet</th>
                  <th scope="col">Indhold</th>
                  <th scope="col">Format</th>
                  <th scope="col">Status</th>
                  <th scope="col">Filer</th>
                </tr>
              </thead>
              <tbody>
                {list.map((e) => (
                  <tr>
                    <td>{formatDateTime(e.createdAt)}{e.by === 'schedule' ? ' (månedligt)' : ''}</td>
                    <td>{KINDS[e.kind]?.split(' (')[0]}</td>
                    <td>{FORMATS[e.format]}</td>
                    <td>{STATUS[e.status]}</td>
                    <td><ExportFiles made={e} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </div>
    </>
  );
}
