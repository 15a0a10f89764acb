import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { ActorList, CoordinationList, EntryResult, GuardiansResult, MeetingResult, MonthsList, PraktikResult } from '../../../functions/contract/coordination.js';
import { ImportAccepted, type Journey, type UserSummary } from '../../../functions/contract/schemas.js';
import { api, upload } from '../api.js';
import { formatDateTime } from '../format.js';
import { danishImportReason } from '../texts-events.js';
import { navigate } from '../main.js';
import { has, type Session } from '../session.js';
import { ErrorBanner, Field, fieldError, Loading, Section } from '../ui.js';
import { staff } from '../users.js';

/*
 * Youth coordination (Brøndby): the months with their indicators (table and chart), the upload of a month's
 * list, the month's list (repeaters marked, misplaced toggles, responsible pickers), its meeting, and the
 * actors registry. The young person's guardians and Praktik-generator are sections of the citizen page.
 */

type List = z.output<typeof CoordinationList>;
type Months = z.output<typeof MonthsList>;
type Person = z.output<typeof UserSummary>;

const MONTH_NAMES = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const monthName = (month: string) => `${MONTH_NAMES[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The month-by-month chart of the three key indicators; the numbers are in the table beside it. */
function IndicatorChart({ months }: { months: Months['items'] }) {
  const held = months.filter((m) => m.indicators);
  if (held.length === 0) return null;
  const series = [
    { key: 'inRestGroup', label: 'I restgruppen', colour: '#1f5fa8' },
    { key: 'repeaters', label: 'Gengangere', colour: '#b35900' },
    { key: 'couldNotBeContacted', label: 'Ikke kontaktet', colour: '#a3262a' },
  ] as const;
  const max = Math.max(1, ...held.flatMap((m) => series.map((s) => m.indicators![s.key])));
  const width = 60 * held.length + 40;
  const bar = 14;
  return (
    <figure class="chart">
      <svg role="img" aria-labelledby="chart-title" viewBox={`0 0 ${width} 160`} width={width} height={160}>
        <title id="chart-title">Nøgletal måned for måned (tallene står i tabellen)</title>
        {held.map((m, i) =>
          series.map((s, j) => {
            const h = (m.indicators![s.key] / max) * 120;
            return <rect x={30 + i * 60 + j * (bar + 2)} y={130 - h} width={bar} height={h} fill={s.colour} />;
          }),
        )}
        {held.map((m, i) => (
          <text x={30 + i * 60} y={148} font-size="11">
            {MONTH_NAMES[Number(m.month.slice(5)) - 1]!.slice(0, 3)}
          </text>
        ))}
      </svg>
      <figcaption>
        {series.map((s) => (
          <span class="legend">
            <span style={`display:inline-block;width:10px;height:10px;background:${s.colour}`} aria-hidden="true" /> {s.label}{' '}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

const GROUPS: Record<string, string> = {
  'rest-group': 'I restgruppen',
  'education-or-job': 'I uddannelse eller job',
  left: 'Afsluttet på anden vis',
  repeater: 'Gengangere (seneste liste)',
  'could-not-be-contacted': 'Kunne ikke kontaktes (seneste møde)',
};

/** The overview's counts for youth coordination: one per group of the template. */
export function YouthCounts({ counts }: { counts: Record<string, number> }) {
  return (
    <ul class="counts" aria-label="Antal unge pr. gruppe">
      {Object.entries(GROUPS).map(([k, v]) => (
        <li class="count">
          <span class="count-number">{counts[k] ?? 0}</span> {v}
        </li>
      ))}
    </ul>
  );
}

/** The upload of a month's list; a list for a month that has one replaces it only when asked. */
function UploadSection({ programmeId, onUploaded }: { programmeId: string; onUploaded: (listId: string) => void }) {
  const [month, setMonth] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (!file || !month) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await upload({ done: CoordinationList, accepted: ImportAccepted.extend({ listId: ImportAccepted.shape.importId }) }, `/programmes/${programmeId}/coordination-lists?month=${month}${replace ? '&replace=true' : ''}`, { type: 'text/csv', data: file });
      onUploaded(reply.accepted ? reply.body.listId : reply.body.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title="Modtag månedens liste" id="upload">
      <form onSubmit={submit}>
        <Field label="Måned" error={fieldError(error, 'month')}>
          {(p) => <input {...p} type="month" required value={month} onInput={(e) => setMonth(e.currentTarget.value)} />}
        </Field>
        <Field label="Liste (CSV: cpr;name;municipality)" error={fieldError(error, '(body)')}>
          {(p) => <input {...p} type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />}
        </Field>
        <label>
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} /> Erstat månedens liste, hvis der er en
        </label>
        <ErrorBanner error={error} />
        <button type="submit" disabled={busy}>
          Modtag liste
        </button>
      </form>
    </Section>
  );
}

/** The months of the programme's lists with their indicators and the goal's progress. */
export function CoordinationPage({ session }: { session: Session }) {
  const programme = session.programme!;
  const [months, setMonths] = useState<Months | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get(MonthsList, `/programmes/${programme.id}/coordination-lists`).then(setMonths, setError);
  }, [programme.id]);
  if (error) return <ErrorBanner error={error} />;
  if (!months) return <Loading />;
  const g = months.goal;
  return (
    <>
      <h1>Koordineringsgruppen</h1>
      <p>
        Mål: mindst {percent(g.goalShareInEducationOrJob)} i uddannelse eller job. Nu: {g.inEducationOrJob} af {g.enrolled} ({percent(g.share)}){g.reached ? ' — målet er nået.' : '.'}
      </p>
      <Section title="Nøgletal pr. måned" id="indicators" wide>
        <table>
          <caption class="visually-hidden">Nøgletal fra koordineringsgruppens møder</caption>
          <thead>
            <tr>
              <th scope="col">Måned</th>
              <th scope="col">I restgruppen</th>
              <th scope="col">Gengangere</th>
              <th scope="col">Ikke kontaktet</th>
              <th scope="col">Fejlplacerede</th>
              <th scope="col">Møde</th>
            </tr>
          </thead>
          <tbody>
            {months.items.map((m) => (
              <tr>
                <th scope="row">
                  <a href={`#/koordinering/${m.listId}`}>{monthName(m.month)}</a>
                </th>
                <td>{m.indicators?.inRestGroup ?? '–'}</td>
                <td>{m.indicators?.repeaters ?? '–'}</td>
                <td>{m.indicators?.couldNotBeContacted ?? '–'}</td>
                <td>{m.misplaced}</td>
                <td>{m.meetingHeldAt ? formatDateTime(m.meetingHeldAt) : 'Ikke holdt'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <IndicatorChart months={months.items} />
      </Section>
      <UploadSection programmeId={programme.id} onUploaded={(id) => navigate(`#/koordinering/${id}`)} />
    </>
  );
}

/** One entry's row: a proposed one is kept with a responsible or, after confirmation, found misplaced. */
function EntryRow({ list, entry, people, onChanged }: { list: List; entry: List['entries'][number]; people: Person[]; onChanged: () => void }) {
  const [responsible, setResponsible] = useState(entry.responsible?.username ?? '');
  const [error, setError] = useState<unknown>(null);
  const patch = async (body: object) => {
    setError(null);
    try {
      await api.patch(EntryResult, `/coordination-lists/${list.id}/entries/${entry.entryId}`, body);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const label = entry.name ?? `Linje ${entry.line}`;
  return (
    <tr class={entry.repeater ? 'repeater' : undefined}>
      <th scope="row">
        {entry.enrolmentId ? <a href={`#/borger/${entry.enrolmentId}`}>{label}</a> : label}
        {entry.repeater && <span class="badge repeater-badge"> Gentager ({entry.monthsOnList}. måned)</span>}
      </th>
      <td>{entry.cprMasked ?? '–'}</td>
      <td>{entry.status === 'kept' ? 'Beholdt' : entry.status === 'misplaced' ? 'Fejlplaceret (slettet)' : 'Foreslået'}</td>
      <td>
        {entry.status !== 'misplaced' && (
          <label>
            <span class="visually-hidden">Ansvarlig for {label}</span>
            <select value={responsible} onChange={(e) => setResponsible(e.currentTarget.value)}>
              <option value="">Vælg ansvarlig …</option>
              {people.map((p) => (
                <option value={p.username}>{p.name}</option>
              ))}
            </select>
          </label>
        )}
      </td>
      <td>
        {entry.status !== 'misplaced' && (
          <button type="button" disabled={!responsible || responsible === entry.responsible?.username} onClick={() => void patch({ status: 'kept', responsible })}>
            {entry.status === 'kept' ? 'Skift ansvarlig' : 'Behold'}
          </button>
        )}
        {entry.status === 'proposed' && (
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (confirm(`Er ${label} fejlplaceret i restgruppen? Navn og CPR-nummer slettes fra listen.`)) void patch({ status: 'misplaced' });
            }}
          >
            Fejlplaceret
          </button>
        )}
        <ErrorBanner error={error} />
      </td>
    </tr>
  );
}

/** The meeting: who attended, whom nobody could reach; then its indicators. */
function MeetingSection({ list, people, onSaved }: { list: List; people: Person[]; onSaved: () => void }) {
  const [heldAt, setHeldAt] = useState('');
  const [attendees, setAttendees] = useState<string[]>([]);
  const [notReached, setNotReached] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const toggle = (values: string[], value: string) => (values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);
  if (list.meeting) {
    const i = list.meeting.indicators;
    return (
      <Section title="Mødet" id="meeting">
        <p>
          Holdt {formatDateTime(list.meeting.heldAt)} med {list.meeting.attendees.map((a) => a.name).join(', ')}.
        </p>
        <dl class="facts">
          <div>
            <dt>I restgruppen</dt>
            <dd>{i.inRestGroup}</dd>
          </div>
          <div>
            <dt>Gengangere</dt>
            <dd>{i.repeaters}</dd>
          </div>
          <div>
            <dt>Kunne ikke kontaktes</dt>
            <dd>{i.couldNotBeContacted}</dd>
          </div>
        </dl>
      </Section>
    );
  }
  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await api.post(MeetingResult, `/coordination-lists/${list.id}/meeting`, { heldAt: new Date(heldAt).toISOString(), attendees, notReached });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  const kept = list.entries.filter((e) => e.status === 'kept');
  return (
    <Section title="Mødet" id="meeting">
      <form onSubmit={save}>
        <Field label="Holdt" error={fieldError(error, 'heldAt')}>
          {(p) => <input {...p} type="datetime-local" required value={heldAt} onInput={(e) => setHeldAt(e.currentTarget.value)} />}
        </Field>
        <fieldset>
          <legend>Deltagere</legend>
          {people.map((p) => (
            <label>
              <input type="checkbox" checked={attendees.includes(p.username)} onChange={() => setAttendees(toggle(attendees, p.username))} /> {p.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Ingen har kunnet få kontakt (hverken gruppen eller de opsøgende medarbejdere)</legend>
          {kept.map((e) => (
            <label>
              <input type="checkbox" checked={notReached.includes(e.entryId)} onChange={() => setNotReached(toggle(notReached, e.entryId))} /> {e.name}
            </label>
          ))}
        </fieldset>
        <ErrorBanner error={error} />
        <button type="submit">Registrér mødet</button>
      </form>
    </Section>
  );
}

/** The month's list. */
export function CoordinationListPage({ session, id }: { session: Session; id: string }) {
  const [list, setList] = useState<List | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = () => api.get(CoordinationList, `/coordination-lists/${id}`).then(setList, setError);
  useEffect(() => {
    void load();
    const programmeId = session.programme!.id;
    Promise.all([staff(programmeId, 'coordination-member'), staff(programmeId, 'lead')]).then(([a, b]) => setPeople([...a, ...b.filter((u) => !a.some((x) => x.username === u.username))]));
  }, [id]);
  if (error) return <ErrorBanner error={error} />;
  if (!list) return <Loading />;
  const repeaters = list.entries.filter((e) => e.repeater && e.status !== 'misplaced').length;
  return (
    <>
      <p>
        <a href="#/koordinering">← Koordineringsgruppen</a>
      </p>
      <h1>Listen for {monthName(list.month)}</h1>
      <p>
        {list.entries.length} unge på listen, heraf {repeaters} gengangere (på listen to måneder i træk: særlig opmærksomhed).
      </p>
      <Section title="Unge på listen" id="entries" wide>
        <table>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">CPR</th>
              <th scope="col">Status</th>
              <th scope="col">Ansvarlig</th>
              <th scope="col">Handling</th>
            </tr>
          </thead>
          <tbody>
            {list.entries.map((e) => (
              <EntryRow key={e.entryId} list={list} entry={e} people={people} onChanged={() => void load()} />
            ))}
          </tbody>
        </table>
        {list.rejected.length > 0 && (
          <>
            <h3>Afviste linjer</h3>
            <ul>
              {list.rejected.map((r) => (
                <li>
                  Linje {r.line}: {danishCoordinationReason(r.reason)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      {has(session, 'lead', 'coordination-member') && <MeetingSection list={list} people={people} onSaved={() => void load()} />}
    </>
  );
}

/** A refused line's reason in Danish: the age rule here, the import's own reasons as the import words them. */
function danishCoordinationReason(reason: string): string {
  const age = /^The young person is (\d+) on the 1st of (\d{4}-\d\d); the programme takes ages (\d+)–(\d+)\.$/.exec(reason);
  if (age) return `Den unge er ${age[1]} år den 1. ${monthName(age[2]!)}; programmet er for ${age[3]}–${age[4]}-årige.`;
  return danishImportReason(reason);
}

/** The actors registry: who the group works with, so the knowledge stays when someone leaves. */
export function ActorsPage({ session }: { session: Session }) {
  const programmeId = session.programme!.id;
  const [actors, setActors] = useState<z.output<typeof ActorList>['items'] | null>(null);
  const [form, setForm] = useState({ name: '', organisation: '', role: '', phone: '', email: '', offers: '' });
  const [error, setError] = useState<unknown>(null);
  const load = () => api.get(ActorList, `/programmes/${programmeId}/actors`).then((b) => setActors(b.items), setError);
  useEffect(() => void load(), [programmeId]);
  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await api.post(ActorList.shape.items.element, `/programmes/${programmeId}/actors`, {
        name: form.name,
        organisation: form.organisation,
        role: form.role,
        ...(form.phone ? { phone: form.phone } : {}),
        ...(form.email ? { email: form.email } : {}),
        offers: form.offers.split(',').map((o) => o.trim()).filter(Boolean),
      });
      setForm({ name: '', organisation: '', role: '', phone: '', email: '', offers: '' });
      void load();
    } catch (err) {
      setError(err);
    }
  }
  const input = (key: keyof typeof form, label: string, required = false) => (
    <Field label={label} error={fieldError(error, key)}>
      {(p) => <input {...p} required={required} value={form[key]} onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} />}
    </Field>
  );
  return (
    <>
      <h1>Aktører</h1>
      <Section title="Hvem gruppen arbejder med" id="actors" wide>
        {!actors ? (
          <Loading />
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Organisation</th>
                <th scope="col">Rolle</th>
                <th scope="col">Kontakt</th>
                <th scope="col">Tilbud</th>
              </tr>
            </thead>
            <tbody>
              {actors.map((a) => (
                <tr>
                  <th scope="row">{a.name}</th>
                  <td>{a.organisation}</td>
                  <td>{a.role}</td>
                  <td>{[a.phone, a.email].filter(Boolean).join(', ')}</td>
                  <td>{a.offers.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Tilføj aktør" id="add-actor">
        <form onSubmit={save}>
          {input('name', 'Navn', true)}
          {input('organisation', 'Organisation', true)}
          {input('role', 'Rolle', true)}
          {input('phone', 'Telefon')}
          {input('email', 'E-mail')}
          {input('offers', 'Tilbud (adskilt af komma)')}
          <ErrorBanner error={error} />
          <button type="submit">Tilføj</button>
        </form>
      </Section>
    </>
  );
}

/** The young person's guardians (under 18) and the Praktik-generator, on the citizen page. */
export function YouthSection({ journey, onSaved }: { journey: z.output<typeof Journey>; onSaved: () => void }) {
  const [guardian, setGuardian] = useState({ name: '', relation: '', phone: '' });
  const [error, setError] = useState<unknown>(null);
  const c = journey.coordination;
  async function addGuardian(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      const next = [...journey.guardians.map((g) => ({ name: g.name, relation: g.relation, ...(g.phone ? { phone: g.phone } : {}), ...(g.email ? { email: g.email } : {}) })), { name: guardian.name, relation: guardian.relation, ...(guardian.phone ? { phone: guardian.phone } : {}) }];
      await api.put(GuardiansResult, `/enrolments/${journey.id}/guardians`, next);
      setGuardian({ name: '', relation: '', phone: '' });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  async function confirmPraktik() {
    setError(null);
    try {
      await api.post(PraktikResult, `/enrolments/${journey.id}/praktik-generator`, { canGetInternship: true });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Section title="Ungekoordinering" id="youth">
      {c && (
        <p>
          På listen {c.monthsOnList} måned(er) i træk (første gang {monthName(c.firstKeptMonth)}){c.monthsOnList > 1 ? ' — gentager.' : '.'}
        </p>
      )}
      {c?.praktik?.proposedAt && !c.praktik.confirmedAt && (
        <p>
          Foreslået til Praktik-generatoren.{' '}
          <button type="button" onClick={() => void confirmPraktik()}>
            Bekræft: kan få en praktikplads
          </button>
        </p>
      )}
      {c?.praktik?.confirmedAt && <p>Praktik-generatoren er på planen{c.praktik.endedAt ? ` (sluttede ${formatDateTime(c.praktik.endedAt)})` : ''}.</p>}
      <h3>Forældremyndighed</h3>
      {journey.guardians.length === 0 ? (
        <p class="empty">Ingen registreret.</p>
      ) : (
        <ul>
          {journey.guardians.map((g) => (
            <li>
              {g.name} ({g.relation}){g.phone ? `, tlf. ${g.phone}` : ''}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={addGuardian}>
        <Field label="Navn" error={fieldError(error, '0.name')}>
          {(p) => <input {...p} required value={guardian.name} onInput={(e) => setGuardian({ ...guardian, name: e.currentTarget.value })} />}
        </Field>
        <Field label="Relation (fx mor, far, værge)" error={fieldError(error, '0.relation')}>
          {(p) => <input {...p} required value={guardian.relation} onInput={(e) => setGuardian({ ...guardian, relation: e.currentTarget.value })} />}
        </Field>
        <Field label="Telefon">{(p) => <input {...p} value={guardian.phone} onInput={(e) => setGuardian({ ...guardian, phone: e.currentTarget.value })} />}</Field>
        <ErrorBanner error={error} />
        <button type="submit">Tilføj</button>
      </form>
    </Section>
  );
}
