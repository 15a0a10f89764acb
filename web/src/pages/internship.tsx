import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import {
  AmbassadorList,
  Ambassador as AmbassadorSchema,
  CertificateResult,
  ContactPersonResult,
  EnrolmentAmbassadorResult,
  InternshipResult,
  type Internship,
} from '../../../functions/contract/internships.js';
import { api, ApiProblem, getConfig, getToken, query } from '../api.js';
import { formatDate, isoWeek, label, municipalityName, today } from '../format.js';
import { has, type Session } from '../session.js';
import { ErrorBanner, Field, fieldError, Loading, Section } from '../ui.js';
import { staff } from '../users.js';
import type { SectionProps } from './citizen.js';

/*
 * Gennem Job til Uddannelse on the web: the contact person and the hand-over, each internship's card (its hours
 * against the goal as a chart and a table, the hours form, its learning certificates with their PDFs), a new
 * internship, the youth ambassador; and the ambassadors page.
 */

type Ambassador = z.output<typeof AmbassadorSchema>;
type Person = { username: string; name: string };

const PHASES: Record<string, string> = { start: 'Ved start (retning)', progress: 'Undervejs (fremskridt)', end: 'Ved afslutning (kompetencer)' };
const COMPETENCE_KINDS: Record<string, string> = { personal: 'Personlig', professional: 'Faglig' };
const AMBASSADOR_KINDS: Record<string, string> = { company: 'Virksomhedsambassadør', youth: 'Ungeambassadør' };

/** Who works with internships: job brokers, mentors (their young people; the API decides), tovholders, leads. */
const mayWork = (session: Session) => has(session, 'job-broker', 'mentor', 'tovholder', 'lead');

/** The ISO week of today, as `<input type="week">` writes it: `2031-W10`. */
const thisWeek = () => {
  const d = today();
  const week = isoWeek(`${d}T12:00:00Z`);
  // The ISO year is the calendar year except around new year.
  const year = Number(d.slice(0, 4)) + (week === 1 && d.slice(5, 7) === '12' ? 1 : week >= 52 && d.slice(5, 7) === '01' ? -1 : 0);
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/** Runs a form's request with its busy and error state. */
function useSubmit(onDone: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** The ambassadors of the caller's municipalities, once per page. */
function useAmbassadors(kind?: string): Ambassador[] {
  const [items, setItems] = useState<Ambassador[]>([]);
  useEffect(() => {
    api.get(AmbassadorList, `/ambassadors${query({ kind })}`).then((b) => setItems(b.items), () => setItems([]));
  }, [kind]);
  return items;
}

function usePeople(programmeId: string | undefined, role: string): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (programmeId) void staff(programmeId, role).then(setPeople);
  }, [programmeId, role]);
  return people;
}

/** Everything of this template on a young person's page. */
export function InternshipSections(props: SectionProps) {
  const companies = useAmbassadors('company');
  return (
    <>
      <ContactPersonSection {...props} />
      {props.journey.internships.map((i) => (
        <InternshipCard key={i.id} internship={i} companies={companies} {...props} />
      ))}
      <NewInternshipSection companies={companies} {...props} />
      <YouthAmbassadorSection {...props} />
    </>
  );
}

function ContactPersonSection({ journey, session, onSaved }: SectionProps) {
  const mentors = usePeople(journey.programmeId, 'mentor');
  const brokers = usePeople(journey.programmeId, 'job-broker');
  const [username, setUsername] = useState('');
  const { error, busy, run } = useSubmit(onSaved);
  const current = journey.contactPerson;
  const handOvers = journey.timeline.filter((e) => e.kind === 'contact-person');
  const candidates = [...mentors, ...brokers].filter((p, i, all) => all.findIndex((q) => q.username === p.username) === i && p.username !== current?.username);
  return (
    <Section title="Kontaktperson" id="contact-person">
      <p>
        {current ? (
          <>
            <strong>{current.name}</strong> er den unges kontaktperson og får forløbets påmindelser.
          </>
        ) : (
          'Den unge får en kontaktperson, når den første praktik registreres: praktikkens jobformidler.'
        )}
      </p>
      {handOvers.length > 0 && (
        <ul class="plain">
          {handOvers.map((e) => (
            <li>
              {formatDate(e.at)}: {e.summary.replace('Contact person: ', '').replace(' took over from ', ' overtog fra ').replace(' (job broker of the first internship)', ' (jobformidler på første praktik)')}
            </li>
          ))}
        </ul>
      )}
      {mayWork(session) && current && journey.stage !== 'closed' && (
        <form onSubmit={(e) => (e.preventDefault(), void run(() => api.put(ContactPersonResult, `/enrolments/${journey.id}/contact-person`, { username })))} aria-label="Skift kontaktperson">
          <ErrorBanner error={error} />
          <Field label="Ny kontaktperson" error={fieldError(error, 'username')} hint="En mentor kan overtage i særlige tilfælde; jobformidleren kan tage over igen.">
            {(p) => (
              <select {...p} name="contactPerson" value={username} onChange={(e) => setUsername(e.currentTarget.value)}>
                <option value="">Vælg …</option>
                {candidates.map((c) => (
                  <option value={c.username}>{c.name}{mentors.some((m) => m.username === c.username) ? ' (mentor)' : ' (jobformidler)'}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={busy || !username}>
            Overdrag
          </button>
        </form>
      )}
    </Section>
  );
}

/** Paid hours per week added up against the goal: a line that climbs to the goal's dashed line. */
export function HoursChart({ internship }: { internship: Internship }) {
  const goal = internship.goal.kind === 'paid-hours' ? internship.goal.hours : null;
  let sum = 0;
  const points = internship.hours.map((h) => ({ week: h.week, total: (sum += h.paidHours) }));
  const top = Math.max(goal ?? 0, sum, 1);
  const [w, h, pad] = [320, 140, 28];
  const x = (i: number) => pad + (points.length <= 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (points.length - 1));
  const y = (v: number) => h - pad - (v / top) * (h - 2 * pad);
  const titleId = `chart-${internship.id}`;
  return (
    <svg class="hours-chart" viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-labelledby={titleId}>
      <title id={titleId}>{goal ? `Løntimer i alt: ${sum} af målet ${goal}` : `Løntimer i alt: ${sum}`}</title>
      <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="#666" />
      <line x1={pad} y1={pad} x2={pad} y2={h - pad} stroke="#666" />
      {goal !== null && (
        <>
          <line class="goal" x1={pad} y1={y(goal)} x2={w - pad} y2={y(goal)} stroke="#a04000" stroke-dasharray="6 4" />
          <text x={w - pad} y={y(goal) - 4} text-anchor="end" font-size="11">
            Mål {goal}
          </text>
        </>
      )}
      {points.length > 0 && <polyline fill="none" stroke="#1f5fa8" stroke-width="2" points={points.map((p, i) => `${x(i)},${y(p.total)}`).join(' ')} />}
      {points.map((p, i) => (
        <>
          <circle cx={x(i)} cy={y(p.total)} r="3" fill="#1f5fa8" />
          <text x={x(i)} y={h - pad + 14} text-anchor="middle" font-size="10">
            {p.week.slice(5)}
          </text>
        </>
      ))}
    </svg>
  );
}

/** Fetches a PDF with the signed-in user's token (a plain link would carry none) and opens it. */
async function openPdf(path: string): Promise<void> {
  const res = await fetch(`${getConfig().apiUrl ?? ''}${path}`, { headers: { authorization: `Bearer ${getToken() ?? ''}` } });
  if (!res.ok) throw new ApiProblem(res.status, res.status === 404 ? 'not-found' : 'internal-error', 'pdf', []);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = path.includes('/learning-certificates/') ? 'laeringsbevis.pdf' : 'dokument.pdf';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function InternshipCard({ internship: i, companies, journey, session, onSaved }: SectionProps & { internship: Internship; companies: Ambassador[] }) {
  const goal = i.goal.kind === 'paid-hours' ? i.goal.hours : null;
  const certificates = journey.learningCertificates.filter((c) => c.internshipId === i.id);
  const [pdfError, setPdfError] = useState<unknown>(null);
  const company = companies.find((a) => a.id === i.ambassadorId);
  const open = journey.stage !== 'closed' && mayWork(session);
  let running = 0;
  return (
    <Section title={`Praktik: ${i.company}`} id={`internship-${i.id}`} wide>
      <dl class="facts">
        <div>
          <dt>Virksomhed</dt>
          <dd>
            {i.company}
            {i.cvr && <> (CVR {i.cvr})</>}
          </dd>
        </div>
        <div>
          <dt>Periode</dt>
          <dd>
            {formatDate(i.startDate)} – {i.endDate ? formatDate(i.endDate) : 'igangværende'}
          </dd>
        </div>
        <div>
          <dt>Timer pr. uge</dt>
          <dd>{i.hoursPerWeek}</dd>
        </div>
        <div>
          <dt>Mål</dt>
          <dd>{goal !== null ? `${goal} løntimer` : 'Ordinær ansættelse'}</dd>
        </div>
        <div>
          <dt>Jobformidler</dt>
          <dd>{i.jobBroker.name}</dd>
        </div>
        <div>
          <dt>Mentor</dt>
          <dd>{i.mentor?.name ?? '—'}</dd>
        </div>
        {company && (
          <div>
            <dt>Virksomhedsambassadør</dt>
            <dd>{company.name}</dd>
          </div>
        )}
      </dl>
      <h3>Timer</h3>
      {goal !== null && (
        <p>
          <label>
            {i.paidHoursTotal} af {goal} løntimer ({Math.min(100, Math.round((100 * i.paidHoursTotal) / goal))} %){' '}
            <progress max={goal} value={Math.min(goal, i.paidHoursTotal)} />
          </label>
          {i.goalReachedAt && <strong> Målet er nået ({formatDate(i.goalReachedAt)}).</strong>}
        </p>
      )}
      <HoursChart internship={i} />
      {i.hours.length > 0 ? (
        <table class="hours-table">
          <caption>Timer pr. uge</caption>
          <thead>
            <tr>
              <th scope="col">Uge</th>
              <th scope="col">Løntimer</th>
              <th scope="col">Ulønnede timer</th>
              <th scope="col">Løntimer i alt</th>
            </tr>
          </thead>
          <tbody>
            {i.hours.map((h) => (
              <tr>
                <th scope="row">{h.week.replace('-W', ' uge ')}</th>
                <td>{h.paidHours}</td>
                <td>{h.unpaidHours}</td>
                <td>{(running += h.paidHours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Ingen timer registreret endnu.</p>
      )}
      {open && <HoursForm internship={i} onSaved={onSaved} />}
      <h3>Læringsbeviser</h3>
      <ErrorBanner error={pdfError} />
      {certificates.length ? (
        <ul class="plain certificates">
          {certificates.map((c) => (
            <li>
              <strong>{label(PHASES, c.phase)}</strong> {formatDate(c.date)}
              {c.direction && <> · {c.direction}</>}
              {c.competences.length > 0 && <> · {c.competences.map((x) => `${label(COMPETENCE_KINDS, x.kind)}: ${x.text}`).join('; ')}</>}{' '}
              <button type="button" class="link-button" onClick={() => void openPdf(`/internships/${i.id}/learning-certificates/${c.id}/pdf`).catch(setPdfError)}>
                Hent PDF<span class="visually-hidden"> ({label(PHASES, c.phase)}, {formatDate(c.date)})</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>Ingen læringsbeviser endnu.</p>
      )}
      {open && <CertificateForm internship={i} onSaved={onSaved} />}
      {open && !i.endDate && journey.stage === 'internship' && <EndInternshipForm internship={i} onSaved={onSaved} />}
    </Section>
  );
}

function HoursForm({ internship, onSaved }: { internship: Internship; onSaved: () => void }) {
  const [week, setWeek] = useState(thisWeek);
  const [paid, setPaid] = useState('');
  const [unpaid, setUnpaid] = useState('0');
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useSubmit(onSaved);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const ok = await run(() => api.post(InternshipResult, `/internships/${internship.id}/hours`, { week, paidHours: paid === '' ? undefined : Number(paid), unpaidHours: unpaid === '' ? undefined : Number(unpaid) }));
    if (ok) (setPaid(''), setSaved(true));
  };
  return (
    <form onSubmit={submit} aria-label="Registrér timer" class="inline-form">
      <ErrorBanner error={error} />
      <Field label="Uge" error={fieldError(error, 'week')} hint="En uge, der allerede har timer, erstattes.">
        {(p) => <input {...p} type="week" name="week" value={week} onInput={(e) => setWeek(e.currentTarget.value)} />}
      </Field>
      <Field label="Løntimer" error={fieldError(error, 'paidHours')}>
        {(p) => <input {...p} type="number" name="paidHours" min={0} max={168} step="0.5" value={paid} onInput={(e) => setPaid(e.currentTarget.value)} />}
      </Field>
      <Field label="Ulønnede timer" error={fieldError(error, 'unpaidHours')}>
        {(p) => <input {...p} type="number" name="unpaidHours" min={0} max={168} step="0.5" value={unpaid} onInput={(e) => setUnpaid(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        Gem timer
      </button>
      {saved && (
        <span role="status" class="saved">
          Timerne er gemt.
        </span>
      )}
    </form>
  );
}

function CertificateForm({ internship, onSaved }: { internship: Internship; onSaved: () => void }) {
  const [phase, setPhase] = useState('progress');
  const [date, setDate] = useState(today());
  const [direction, setDirection] = useState('');
  const [competences, setCompetences] = useState<{ kind: string; text: string }[]>([{ kind: 'personal', text: '' }]);
  const { error, busy, run } = useSubmit(onSaved);
  const set = (n: number, change: Partial<{ kind: string; text: string }>) => setCompetences(competences.map((c, i) => (i === n ? { ...c, ...change } : c)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await run(() =>
      api.post(CertificateResult, `/internships/${internship.id}/learning-certificates`, {
        phase,
        date,
        ...(direction.trim() ? { direction } : {}),
        competences: competences.filter((c) => c.text.trim()),
      }),
    );
    if (ok) (setDirection(''), setCompetences([{ kind: 'personal', text: '' }]));
  };
  return (
    <form onSubmit={submit} aria-label="Udsted læringsbevis">
      <ErrorBanner error={error} />
      <Field label="Fase" error={fieldError(error, 'phase')}>
        {(p) => (
          <select {...p} name="phase" value={phase} onChange={(e) => setPhase(e.currentTarget.value)}>
            {Object.entries(PHASES).map(([k, v]) => (
              <option value={k}>{v}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Dato" error={fieldError(error, 'date')}>
        {(p) => <input {...p} type="date" name="certificateDate" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
      </Field>
      <Field label="Retning for praktikken" error={fieldError(error, 'direction')} hint="Især ved start: hvad praktikken skal føre hen imod.">
        {(p) => <textarea {...p} name="direction" rows={2} value={direction} onInput={(e) => setDirection(e.currentTarget.value)} />}
      </Field>
      <fieldset>
        <legend>Kompetencer</legend>
        {phase === 'end' && <p class="hint">Et afsluttende bevis skal have mindst én personlig og én faglig kompetence.</p>}
        {competences.map((c, n) => (
          <div class="competence-row">
            <Field label={`Kompetence ${n + 1}: slags`}>
              {(p) => (
                <select {...p} value={c.kind} onChange={(e) => set(n, { kind: e.currentTarget.value })}>
                  {Object.entries(COMPETENCE_KINDS).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={`Kompetence ${n + 1}: beskrivelse`} error={fieldError(error, `competences.${n}.text`)}>
              {(p) => <input {...p} type="text" value={c.text} onInput={(e) => set(n, { text: e.currentTarget.value })} />}
            </Field>
          </div>
        ))}
        <button type="button" onClick={() => setCompetences([...competences, { kind: 'professional', text: '' }])}>
          Tilføj kompetence
        </button>
      </fieldset>
      <button type="submit" class="primary" disabled={busy}>
        Udsted læringsbevis
      </button>
    </form>
  );
}

function EndInternshipForm({ internship, onSaved }: { internship: Internship; onSaved: () => void }) {
  const [endDate, setEndDate] = useState(today());
  const { error, busy, run } = useSubmit(onSaved);
  return (
    <form onSubmit={(e) => (e.preventDefault(), void run(() => api.post(InternshipResult, `/internships/${internship.id}/end`, { endDate })))} aria-label="Afslut praktikken" class="inline-form">
      <ErrorBanner error={error} />
      <Field label="Praktikken sluttede" error={fieldError(error, 'endDate')}>
        {(p) => <input {...p} type="date" name="endDate" value={endDate} onInput={(e) => setEndDate(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        Afslut praktik
      </button>
    </form>
  );
}

function NewInternshipSection({ journey, session, onSaved, companies }: SectionProps & { companies: Ambassador[] }) {
  const brokers = usePeople(journey.programmeId, 'job-broker');
  const mentors = usePeople(journey.programmeId, 'mentor');
  const blank = { company: '', cvr: '', startDate: today(), endDate: '', hoursPerWeek: '', goalKind: 'paid-hours', goalHours: '', jobBroker: has(session, 'job-broker') ? session.me.username : '', mentor: '', ambassadorId: '' };
  const [form, setForm] = useState(blank);
  const [editing, setEditing] = useState(false);
  const { error, busy, run } = useSubmit(onSaved);
  if (!mayWork(session) || !['clarification', 'internship', 'follow-up'].includes(journey.stage)) return null;
  const set = (change: Partial<typeof blank>) => setForm({ ...form, ...change });
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await run(() =>
      api.post(InternshipResult, `/enrolments/${journey.id}/internships`, {
        company: form.company,
        ...(form.cvr ? { cvr: form.cvr } : {}),
        startDate: form.startDate,
        ...(form.endDate ? { endDate: form.endDate } : {}),
        hoursPerWeek: form.hoursPerWeek === '' ? undefined : Number(form.hoursPerWeek),
        goal: form.goalKind === 'paid-hours' ? { kind: 'paid-hours', hours: form.goalHours === '' ? undefined : Number(form.goalHours) } : { kind: 'ordinary-employment' },
        jobBroker: form.jobBroker || undefined,
        ...(form.mentor ? { mentor: form.mentor } : {}),
        ...(form.ambassadorId ? { ambassadorId: form.ambassadorId } : {}),
      }),
    );
    if (ok) (setForm(blank), setEditing(false));
  };
  return (
    <Section title="Ny praktik" id="new-internship" actions={!editing ? <button type="button" onClick={() => setEditing(true)}>Registrér praktik</button> : undefined}>
      {!editing ? (
        <p>{journey.internships.length ? 'En ny praktik må ikke overlappe en anden i tid.' : 'Den unge har ingen praktik endnu.'}</p>
      ) : (
        <form onSubmit={submit} aria-label="Registrér praktik">
          <ErrorBanner error={error} />
          <Field label="Virksomhed" error={fieldError(error, 'company')}>
            {(p) => <input {...p} name="company" value={form.company} onInput={(e) => set({ company: e.currentTarget.value })} />}
          </Field>
          <Field label="CVR-nummer (valgfrit)" error={fieldError(error, 'cvr')} hint="8 cifre">
            {(p) => <input {...p} name="cvr" inputMode="numeric" value={form.cvr} onInput={(e) => set({ cvr: e.currentTarget.value })} />}
          </Field>
          <Field label="Startdato" error={fieldError(error, 'startDate')}>
            {(p) => <input {...p} type="date" name="startDate" value={form.startDate} onInput={(e) => set({ startDate: e.currentTarget.value })} />}
          </Field>
          <Field label="Slutdato (valgfri)" error={fieldError(error, 'endDate')}>
            {(p) => <input {...p} type="date" name="internshipEndDate" value={form.endDate} onInput={(e) => set({ endDate: e.currentTarget.value })} />}
          </Field>
          <Field label="Timer pr. uge" error={fieldError(error, 'hoursPerWeek')}>
            {(p) => <input {...p} type="number" name="hoursPerWeek" min={1} max={168} value={form.hoursPerWeek} onInput={(e) => set({ hoursPerWeek: e.currentTarget.value })} />}
          </Field>
          <fieldset>
            <legend>Mål</legend>
            <label class="radio">
              <input type="radio" name="goalKind" checked={form.goalKind === 'paid-hours'} onChange={() => set({ goalKind: 'paid-hours' })} /> Et antal løntimer
            </label>
            <label class="radio">
              <input type="radio" name="goalKind" checked={form.goalKind === 'ordinary-employment'} onChange={() => set({ goalKind: 'ordinary-employment' })} /> Ordinær ansættelse
            </label>
            {form.goalKind === 'paid-hours' && (
              <Field label="Løntimer i alt" error={fieldError(error, 'goal')}>
                {(p) => <input {...p} type="number" name="goalHours" min={1} value={form.goalHours} onInput={(e) => set({ goalHours: e.currentTarget.value })} />}
              </Field>
            )}
          </fieldset>
          <Field label="Jobformidler" error={fieldError(error, 'jobBroker')}>
            {(p) => (
              <select {...p} name="jobBroker" value={form.jobBroker} onChange={(e) => set({ jobBroker: e.currentTarget.value })}>
                <option value="">Vælg …</option>
                {brokers.map((b) => (
                  <option value={b.username}>{b.name}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Mentor (valgfri)" error={fieldError(error, 'mentor')}>
            {(p) => (
              <select {...p} name="mentor" value={form.mentor} onChange={(e) => set({ mentor: e.currentTarget.value })}>
                <option value="">Ingen</option>
                {mentors.map((m) => (
                  <option value={m.username}>{m.name}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Virksomhedsambassadør (valgfri)" error={fieldError(error, 'ambassadorId')}>
            {(p) => (
              <select {...p} name="ambassadorId" value={form.ambassadorId} onChange={(e) => set({ ambassadorId: e.currentTarget.value })}>
                <option value="">Ingen</option>
                {companies.map((a) => (
                  <option value={a.id}>
                    {a.name}
                    {a.company ? ` (${a.company})` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            Gem praktik
          </button>{' '}
          <button type="button" onClick={() => setEditing(false)}>
            Fortryd
          </button>
        </form>
      )}
    </Section>
  );
}

function YouthAmbassadorSection({ journey, session, onSaved }: SectionProps) {
  const youth = useAmbassadors('youth');
  const [ambassadorId, setAmbassadorId] = useState('');
  const { error, busy, run } = useSubmit(onSaved);
  const current = journey.ambassador;
  return (
    <Section title="Ungeambassadør" id="youth-ambassador">
      <p>{current ? <>Den unges ungeambassadør er <strong>{current.name}</strong>{current.phone ? ` (tlf. ${current.phone})` : ''}.</> : 'Den unge har ingen ungeambassadør.'}</p>
      {mayWork(session) && journey.stage !== 'closed' && (
        <form onSubmit={(e) => (e.preventDefault(), void run(() => api.put(EnrolmentAmbassadorResult, `/enrolments/${journey.id}/ambassador`, { ambassadorId })))} aria-label="Tilknyt ungeambassadør">
          <ErrorBanner error={error} />
          <Field label="Ungeambassadør" error={fieldError(error, 'ambassadorId')}>
            {(p) => (
              <select {...p} name="youthAmbassador" value={ambassadorId} onChange={(e) => setAmbassadorId(e.currentTarget.value)}>
                <option value="">Vælg …</option>
                {youth.map((a) => (
                  <option value={a.id}>{a.name}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={busy || !ambassadorId}>
            Tilknyt
          </button>
        </form>
      )}
    </Section>
  );
}

/** The ambassadors of the user's municipalities; leads and job brokers register new ones. */
export function AmbassadorsPage({ session }: { session: Session }) {
  const [kind, setKind] = useState('');
  const [items, setItems] = useState<Ambassador[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const load = () => api.get(AmbassadorList, `/ambassadors${query({ kind })}`).then((b) => setItems(b.items), setLoadError);
  useEffect(() => {
    void load();
  }, [kind]);
  const mine = session.me.municipalities;
  const blank = { kind: 'company', name: '', company: '', phone: '', email: '', municipalities: mine.slice(0, 1) };
  const [form, setForm] = useState(blank);
  const { error, busy, run } = useSubmit(() => void load());
  const mayRegister = has(session, 'lead', 'job-broker');
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await run(() =>
      api.post(AmbassadorSchema, '/ambassadors', {
        kind: form.kind,
        name: form.name,
        ...(form.company ? { company: form.company } : {}),
        ...(form.phone ? { phone: form.phone } : {}),
        ...(form.email ? { email: form.email } : {}),
        municipalities: form.municipalities,
      }),
    );
    if (ok) setForm(blank);
  };
  return (
    <>
      <h1>Ambassadører</h1>
      <p>Virksomhedsambassadører udbreder programmet i deres erhvervsnetværk og svarer andre virksomheder; ungeambassadører er sparringspartnere for de unge.</p>
      <label>
        Vis{' '}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value)} name="kindFilter">
          <option value="">Alle</option>
          {Object.entries(AMBASSADOR_KINDS).map(([k, v]) => (
            <option value={k}>{v}e</option>
          ))}
        </select>
      </label>
      <ErrorBanner error={loadError} />
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>Ingen ambassadører endnu.</p>
      ) : (
        <table class="ambassadors">
          <caption class="visually-hidden">Ambassadører</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Slags</th>
              <th scope="col">Virksomhed</th>
              <th scope="col">Kontakt</th>
              <th scope="col">Kommuner</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr>
                <th scope="row">{a.name}</th>
                <td>{label(AMBASSADOR_KINDS, a.kind)}</td>
                <td>{a.company ?? '—'}</td>
                <td>{[a.phone, a.email].filter(Boolean).join(' · ') || '—'}</td>
                <td>{a.municipalities.map(municipalityName).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayRegister && (
        <Section title="Ny ambassadør" id="new-ambassador">
          <form onSubmit={submit} aria-label="Registrér ambassadør">
            <ErrorBanner error={error} />
            <Field label="Slags" error={fieldError(error, 'kind')}>
              {(p) => (
                <select {...p} name="ambassadorKind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}>
                  {Object.entries(AMBASSADOR_KINDS).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Navn" error={fieldError(error, 'name')}>
              {(p) => <input {...p} name="ambassadorName" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
            </Field>
            <Field label="Virksomhed (valgfri)" error={fieldError(error, 'company')}>
              {(p) => <input {...p} name="ambassadorCompany" value={form.company} onInput={(e) => setForm({ ...form, company: e.currentTarget.value })} />}
            </Field>
            <Field label="Telefon (valgfri)" error={fieldError(error, 'phone')}>
              {(p) => <input {...p} type="tel" name="ambassadorPhone" value={form.phone} onInput={(e) => setForm({ ...form, phone: e.currentTarget.value })} />}
            </Field>
            <Field label="E-mail (valgfri)" error={fieldError(error, 'email')}>
              {(p) => <input {...p} type="email" name="ambassadorEmail" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />}
            </Field>
            <fieldset>
              <legend>Kommuner</legend>
              {mine.map((m) => (
                <label class="radio">
                  <input
                    type="checkbox"
                    checked={form.municipalities.includes(m)}
                    onChange={(e) => setForm({ ...form, municipalities: e.currentTarget.checked ? [...form.municipalities, m] : form.municipalities.filter((x) => x !== m) })}
                  />{' '}
                  {municipalityName(m)}
                </label>
              ))}
              {fieldError(error, 'municipalities') && <span class="field-error">{fieldError(error, 'municipalities')}</span>}
            </fieldset>
            <button type="submit" class="primary" disabled={busy}>
              Registrér ambassadør
            </button>
          </form>
        </Section>
      )}
    </>
  );
}
