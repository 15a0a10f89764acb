import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { Overview, type UserSummary } from '../../../functions/contract/schemas.js';
import { api, getConfig, getToken, query } from '../api.js';
import { AREAS, copenhagenDay, copenhagenInstant, DOMAINS, formatDateTime, formatTime, isoWeek, label, today } from '../format.js';
import { navigate } from '../main.js';
import { has, type Session } from '../session.js';
import { TeamMeeting, TeamMeetingItemResult, TeamMeetingList, type AgendaItem } from '../../../functions/contract/meetings.js';
import { staff } from '../users.js';
import { ErrorBanner, Field, fieldError, Loading, Section } from '../ui.js';

type Person = z.output<typeof UserSummary>;
type MeetingView = TeamMeeting;

/** Team meetings: the coming ones, planning a new one (agenda proposed by the API), and one meeting's page. */
export function MeetingsPage({ session, id }: { session: Session; id?: string | undefined }) {
  return id ? <MeetingPage session={session} id={id} /> : <MeetingOverview session={session} />;
}

function MeetingOverview({ session }: { session: Session }) {
  const programme = session.programme;
  const [meetings, setMeetings] = useState<MeetingView[] | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  const [form, setForm] = useState({ date: today(7), time: '13:00', theme: '', members: [session.me.username] });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!programme) return;
    const from = today(-30);
    api.get(TeamMeetingList, `/programmes/${programme.id}/team-meetings${query({ from })}`).then((b) => setMeetings(b.items), (e) => (setError(e), setMeetings([])));
    void staff(programme.id).then(setPeople);
  }, [programme?.id]);

  if (!programme) return <p>Du er ikke tilknyttet et program.</p>;

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      const m = await api.post(TeamMeeting, `/programmes/${programme!.id}/team-meetings`, {
        startsAt: form.date && form.time ? copenhagenInstant(form.date, form.time) : '',
        ...(form.theme ? { theme: form.theme } : {}),
        members: form.members,
      });
      navigate(`#/teammoeder/${m.id}`);
    } catch (err) {
      setCreateError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Teammøder</h1>
      <ErrorBanner error={error} />
      {meetings === null ? (
        <Loading />
      ) : meetings.length === 0 ? (
        <p class="empty">Ingen teammøder.</p>
      ) : (
        <ul>
          {meetings.map((m) => (
            <li>
              <a href={`#/teammoeder/${m.id}`}>
                Uge {isoWeek(m.startsAt)}: {formatDateTime(m.startsAt)}
              </a>
              {m.theme ? ` · tema ${label(AREAS, m.theme)}` : ''} · {m.agenda.length} borgere på dagsordenen
            </li>
          ))}
        </ul>
      )}
      {has(session, 'lead', 'tovholder') && (
        <Section title="Planlæg et teammøde" id="new-meeting">
          <form onSubmit={create} aria-label="Planlæg et teammøde">
            <ErrorBanner error={createError} />
            <div class="actions">
              <Field label="Dato" error={fieldError(createError, 'startsAt')} hint={form.date ? `Uge ${isoWeek(`${form.date}T12:00:00Z`)}` : undefined}>
                {(p) => <input {...p} type="date" value={form.date} onInput={(e) => setForm({ ...form, date: e.currentTarget.value })} />}
              </Field>
              <Field label="Kl." error={fieldError(createError, 'startsAt')}>
                {(p) => <input {...p} type="time" value={form.time} onInput={(e) => setForm({ ...form, time: e.currentTarget.value })} />}
              </Field>
              <Field label="Tema (samler borgere med samme livsområde)" error={fieldError(createError, 'theme')}>
                {(p) => (
                  <select {...p} value={form.theme} onChange={(e) => setForm({ ...form, theme: e.currentTarget.value })}>
                    <option value="">Intet tema</option>
                    {Object.entries(AREAS).map(([k, v]) => (
                      <option value={k}>{v}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <fieldset class={fieldError(createError, 'members') ? 'has-error' : undefined}>
              <legend>Deltagere</legend>
              {people.map((u) => (
                <label class="radio">
                  <input
                    type="checkbox"
                    checked={form.members.includes(u.username)}
                    onChange={(e) => setForm({ ...form, members: e.currentTarget.checked ? [...form.members, u.username] : form.members.filter((x) => x !== u.username) })}
                  />{' '}
                  {u.name}
                </label>
              ))}
              {fieldError(createError, 'members') && <span class="field-error">{fieldError(createError, 'members')}</span>}
            </fieldset>
            <button type="submit" class="primary" disabled={busy}>
              Opret møde og foreslå dagsorden
            </button>
          </form>
        </Section>
      )}
    </>
  );
}

function MeetingPage({ session, id }: { session: Session; id: string }) {
  const [meeting, setMeeting] = useState<MeetingView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => api.get(TeamMeeting, `/team-meetings/${encodeURIComponent(id)}`).then(setMeeting, setError);
  useEffect(() => {
    void reload();
  }, [id]);

  async function downloadInvite() {
    setError(null);
    try {
      const res = await fetch(`${getConfig().apiUrl ?? ''}/team-meetings/${encodeURIComponent(id)}/invite.ics`, { headers: { authorization: `Bearer ${getToken()}` } });
      if (!res.ok) throw new Error(String(res.status));
      const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/calendar' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `teammoede-${copenhagenDay(meeting!.startsAt)}.ics`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e);
    }
  }

  const convenes = has(session, 'lead', 'tovholder');
  // The citizens due for a team meeting and not on this agenda: those the coordinator may add.
  const [due, setDue] = useState<{ id: string; name: string }[]>([]);
  const [adding, setAdding] = useState('');
  useEffect(() => {
    if (!convenes || !meeting) return;
    api.get(Overview, `/programmes/${meeting.programmeId}/enrolments${query({ stage: 'team-meeting' })}`).then(
      (b) => setDue(b.items.filter((i) => !meeting.agenda.some((a) => a.enrolmentId === i.id)).map((i) => ({ id: i.id, name: i.name }))),
      () => setDue([]),
    );
  }, [meeting?.version]);

  async function putAgenda(enrolmentIds: string[]) {
    setError(null);
    try {
      await api.put(TeamMeeting, `/team-meetings/${encodeURIComponent(id)}/agenda`, { enrolmentIds });
      await reload();
    } catch (e) {
      setError(e);
    }
  }
  const removeFromAgenda = (item: AgendaItem) => {
    if (confirm(`Fjern ${item.name ?? 'borgeren'} fra dagsordenen?`)) void putAgenda(meeting!.agenda.map((a) => a.enrolmentId).filter((x) => x !== item.enrolmentId));
  };

  if (!meeting) return error ? <ErrorBanner error={error} /> : <Loading />;
  const agenda = meeting.agenda;
  return (
    <>
      <p>
        <a href="#/teammoeder">← Alle teammøder</a>
      </p>
      <h1>
        Teammøde uge {isoWeek(meeting.startsAt)}, {formatDateTime(meeting.startsAt)}
      </h1>
      <p>
        {meeting.theme ? `Tema: ${label(AREAS, meeting.theme)} · ` : ''}Deltagere: {meeting.members.join(', ') || '—'}{' '}
        <button type="button" onClick={() => void downloadInvite()}>
          Hent invitation (.ics)
        </button>
      </p>
      <ErrorBanner error={error} />
      <h2>Dagsorden</h2>
      {agenda.length === 0 ? (
        <p class="empty">Ingen borgere er klar til teammøde.</p>
      ) : (
        <ol class="agenda">
          {agenda.map((item) => (
            <li>
              <AgendaEntry meetingId={id} item={item} canEdit={has(session, 'lead', 'tovholder', 'team-member')} onSaved={reload} />
              {convenes && !item.recorded && (
                <button type="button" class="danger" onClick={() => removeFromAgenda(item)}>
                  Fjern {item.name ?? 'borgeren'} fra dagsordenen
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {convenes && (
        <form class="actions" aria-label="Tilføj en borger til dagsordenen" onSubmit={(e) => (e.preventDefault(), adding && void putAgenda([...agenda.map((a) => a.enrolmentId), adding]))}>
          <Field label="Borger, der er klar til teammøde">
            {(p) => (
              <select {...p} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
                <option value="">Vælg …</option>
                {due.map((d) => (
                  <option value={d.id}>{d.name}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!adding}>
            Tilføj til dagsordenen
          </button>
        </form>
      )}
    </>
  );
}

function AgendaEntry({ meetingId, item, canEdit, onSaved }: { meetingId: string; item: AgendaItem; canEdit: boolean; onSaved: () => void }) {
  const [present, setPresent] = useState(item.withCitizen);
  const [recs, setRecs] = useState<{ domain: string; text: string }[]>([{ domain: 'employment', text: '' }]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const name = item.name ?? 'Borger';

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.post(TeamMeetingItemResult, `/team-meetings/${encodeURIComponent(meetingId)}/items/${encodeURIComponent(item.enrolmentId)}`, { citizenPresent: present, recommendations: recs.filter((r) => r.text.trim()) });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={save} aria-label={`Anbefalinger for ${name}`} class="card">
      <h3>
        Kl. {formatTime(item.slotStart)}–{formatTime(item.slotEnd)}:{' '}
        {item.name ? <a href={`#/borger/${item.enrolmentId}`}>{name}</a> : name}
        {item.withCitizen === false ? ' (konsultation uden borgeren)' : ''}
        {item.recorded ? ' · anbefalinger registreret' : ''}
      </h3>
      <ErrorBanner error={error} />
      {item.recorded && (
        <div class="recommendations">
          <p>{item.citizenPresent === false ? 'Borgeren deltog ikke.' : item.citizenPresent ? 'Borgeren deltog.' : ''}</p>
          {item.recommendations.length ? (
            <ul aria-label={`Teamets anbefalinger for ${name}`}>
              {item.recommendations.map((r) => (
                <li>
                  {label(DOMAINS, r.domain)}: {r.text}
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">Ingen anbefalinger.</p>
          )}
        </div>
      )}
      {!item.recorded && (<>
      <div class="field checkbox">
        <label>
          <input type="checkbox" checked={present} disabled={!canEdit} onChange={(e) => setPresent(e.currentTarget.checked)} /> Borgeren deltog
        </label>
      </div>
      {recs.map((r, n) => (
        <div class="actions">
          <Field label={`Område, anbefaling ${n + 1}`} error={fieldError(error, `recommendations.${n}.domain`)}>
            {(p) => (
              <select {...p} value={r.domain} disabled={!canEdit} onChange={(e) => setRecs(recs.map((x, j) => (j === n ? { ...x, domain: e.currentTarget.value } : x)))}>
                {Object.entries(DOMAINS).map(([k, v]) => (
                  <option value={k}>{v}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`Anbefaling ${n + 1}`} error={fieldError(error, `recommendations.${n}.text`)}>
            {(p) => <input {...p} size={50} value={r.text} disabled={!canEdit} onInput={(e) => setRecs(recs.map((x, j) => (j === n ? { ...x, text: e.currentTarget.value } : x)))} />}
          </Field>
        </div>
      ))}
      {canEdit && (
        <div class="actions">
          <button type="button" onClick={() => setRecs([...recs, { domain: 'employment', text: '' }])}>
            Tilføj anbefaling
          </button>
          <button type="submit" class="primary">
            Gem anbefalinger
          </button>
          {saved && (
            <span role="status" class="saved">
              Gemt.
            </span>
          )}
        </div>
      )}
      </>)}
    </form>
  );
}
