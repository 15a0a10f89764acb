import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { Programme, ProgrammeList, Role, TemplateList, User, UserList, UserSummary } from '../../../functions/contract/schemas.js';
import { Offer, OfferList } from '../../../functions/contract/plan.js';
import { api } from '../api.js';
import { DOMAINS, label, MUNICIPALITIES, municipalityName, ROLES } from '../format.js';
import type { Session } from '../session.js';
import { ErrorBanner, Field, fieldError, Loading, Section } from '../ui.js';

type Person = z.output<typeof UserSummary>;
type Templates = z.output<typeof TemplateList>['items'];

/** A set of checkboxes in a fieldset, with the field's error beside it. */
function Checkboxes({ legend, options, chosen, onChange, error }: { legend: string; options: [string, string][]; chosen: string[]; onChange: (next: string[]) => void; error?: string | undefined }) {
  return (
    <fieldset class={error ? 'has-error' : undefined}>
      <legend>{legend}</legend>
      {options.map(([value, text]) => (
        <label class="radio">
          <input type="checkbox" checked={chosen.includes(value)} onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, value] : chosen.filter((x) => x !== value))} /> {text}
        </label>
      ))}
      {error && <span class="field-error">{error}</span>}
    </fieldset>
  );
}

const MUNICIPALITY_OPTIONS = Object.keys(MUNICIPALITIES).map((m) => [m, `${municipalityName(m)} (${m})`] as [string, string]);

/** The admin's screen: users, programmes and the offers catalogue. An admin sees no citizen data. */
export function AdminPage({ session }: { session: Session }) {
  const [programmes, setProgrammes] = useState<Programme[]>(session.programmes);
  const reloadProgrammes = () => api.get(ProgrammeList, '/programmes').then((b) => setProgrammes(b.items), () => {});
  return (
    <>
      <h1>Administration</h1>
      <UsersSection programmes={programmes} />
      <ProgrammesSection programmes={programmes} onCreated={reloadProgrammes} />
      <OffersSection />
    </>
  );
}

function UsersSection({ programmes }: { programmes: Programme[] }) {
  const [users, setUsers] = useState<Person[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const empty = { username: '', name: '', email: '', roles: [] as string[], municipalities: [] as string[], programmes: [] as string[] };
  const [form, setForm] = useState(empty);
  const [busy, setBusy] = useState(false);

  const load = () => api.get(UserList, '/users').then((b) => setUsers([...b.items].sort((a, z) => a.name.localeCompare(z.name, 'da'))), (e) => (setError(e), setUsers([])));
  useEffect(() => {
    void load();
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setCreateError(null);
    setSaved('');
    try {
      const user = await api.post(User, '/users', form);
      setSaved(`${user.name} er oprettet.`);
      setForm(empty);
      void load();
    } catch (err) {
      setCreateError(err);
    } finally {
      setBusy(false);
    }
  }

  async function setActive(u: Person, active: boolean) {
    if (!active && !confirm(`Deaktivér ${u.name}? Brugeren kan ikke længere logge ind, og brugerens borgere mangler så en tovholder.`)) return;
    setError(null);
    setSaved('');
    try {
      await api.patch(User, `/users/${encodeURIComponent(u.username)}`, { active });
      setSaved(active ? `${u.name} er aktiveret igen.` : `${u.name} er deaktiveret.`);
      void load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Section title="Brugere" id="users" wide>
      <ErrorBanner error={error} />
      {saved && (
        <p role="status" class="saved">
          {saved}
        </p>
      )}
      {users === null ? (
        <Loading />
      ) : (
        <table>
          <caption class="visually-hidden">Brugere</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">Brugernavn</th>
              <th scope="col">Roller</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username}>
                <td>{u.name}</td>
                <td>{u.username}</td>
                <td>{u.roles.map((r) => label(ROLES, r)).join(', ')}</td>
                <td>
                  {u.active ? 'Aktiv' : 'Deaktiveret'}{' '}
                  <button type="button" class={u.active ? 'danger' : undefined} onClick={() => void setActive(u, !u.active)} aria-label={`${u.active ? 'Deaktivér' : 'Aktivér'} ${u.name}`}>
                    {u.active ? 'Deaktivér' : 'Aktivér'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>Opret en bruger</summary>
        <form onSubmit={create} aria-label="Opret en bruger">
          <ErrorBanner error={createError} />
          <div class="row actions">
            <Field label="Brugernavn" error={fieldError(createError, 'username')}>
              {(p) => <input {...p} autoComplete="off" value={form.username} onInput={(e) => setForm({ ...form, username: e.currentTarget.value })} />}
            </Field>
            <Field label="Navn" error={fieldError(createError, 'name')}>
              {(p) => <input {...p} autoComplete="off" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
            </Field>
            <Field label="E-mail" error={fieldError(createError, 'email')}>
              {(p) => <input {...p} type="email" autoComplete="off" value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />}
            </Field>
          </div>
          <Checkboxes legend="Roller" options={Role.options.map((r) => [r, label(ROLES, r)])} chosen={form.roles} onChange={(roles) => setForm({ ...form, roles })} error={fieldError(createError, 'roles')} />
          <Checkboxes legend="Kommuner" options={MUNICIPALITY_OPTIONS} chosen={form.municipalities} onChange={(municipalities) => setForm({ ...form, municipalities })} error={fieldError(createError, 'municipalities')} />
          <Checkboxes legend="Programmer" options={programmes.map((p) => [p.id, p.name])} chosen={form.programmes} onChange={(next) => setForm({ ...form, programmes: next })} error={fieldError(createError, 'programmes')} />
          <button type="submit" class="primary" disabled={busy}>
            Opret bruger
          </button>
        </form>
      </details>
    </Section>
  );
}

function ProgrammesSection({ programmes, onCreated }: { programmes: Programme[]; onCreated: () => void }) {
  const [templates, setTemplates] = useState<Templates>([]);
  const [form, setForm] = useState({ name: '', template: 'brug-for-alle', municipalities: [] as string[] });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.get(TemplateList, '/templates').then((b) => setTemplates(b.items), () => {});
  }, []);
  const templateName = (id: string) => templates.find((t) => t.id === id)?.name ?? id;

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      const p = await api.post(Programme, '/programmes', form);
      setSaved(`Programmet ${p.name} er oprettet.`);
      setForm({ ...form, name: '', municipalities: [] });
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Programmer" id="programmes" wide>
      {programmes.length === 0 ? (
        <p class="empty">Ingen programmer.</p>
      ) : (
        <ul>
          {programmes.map((p) => (
            <li>
              <strong>{p.name}</strong> · {templateName(p.template)} · {p.municipalities.map(municipalityName).join(', ')}
            </li>
          ))}
        </ul>
      )}
      {saved && (
        <p role="status" class="saved">
          {saved}
        </p>
      )}
      <details>
        <summary>Opret et program</summary>
        <form onSubmit={create} aria-label="Opret et program">
          <ErrorBanner error={error} />
          <div class="row actions">
            <Field label="Programmets navn" error={fieldError(error, 'name')}>
              {(p) => <input {...p} value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />}
            </Field>
            <Field label="Skabelon" error={fieldError(error, 'template')}>
              {(p) => (
                <select {...p} value={form.template} onChange={(e) => setForm({ ...form, template: e.currentTarget.value })}>
                  {templates.map((t) => (
                    <option value={t.id}>{t.name}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Checkboxes legend="Kommuner" options={MUNICIPALITY_OPTIONS} chosen={form.municipalities} onChange={(municipalities) => setForm({ ...form, municipalities })} error={fieldError(error, 'municipalities')} />
          <button type="submit" class="primary" disabled={busy}>
            Opret program
          </button>
        </form>
      </details>
    </Section>
  );
}

function OffersSection() {
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const empty = { name: '', provider: '', domain: 'employment', targetGroup: '', capacity: '', description: '', municipalities: [] as string[] };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () => api.get(OfferList, '/offers').then((b) => setOffers(b.items), (e) => (setListError(e), setOffers([])));
  useEffect(() => {
    void load();
  }, []);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved('');
    try {
      const { capacity, description, ...rest } = form;
      const o = await api.post(Offer, '/offers', { ...rest, ...(capacity ? { capacity: Number(capacity) } : {}), ...(description.trim() ? { description } : {}) });
      setSaved(`Tilbuddet ${o.name} er oprettet.`);
      setForm(empty);
      void load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Tilbudskatalog" id="offers" wide>
      <ErrorBanner error={listError} />
      {offers === null ? (
        <Loading />
      ) : offers.length === 0 ? (
        <p class="empty">Ingen tilbud.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Tilbud</caption>
          <thead>
            <tr>
              <th scope="col">Tilbud</th>
              <th scope="col">Leverandør</th>
              <th scope="col">Område</th>
              <th scope="col">Målgruppe</th>
              <th scope="col">Pladser</th>
            </tr>
          </thead>
          <tbody>
            {offers.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{o.provider}</td>
                <td>{label(DOMAINS, o.domain)}</td>
                <td>{o.targetGroup}</td>
                <td>{o.capacity ?? 'Ubegrænset'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {saved && (
        <p role="status" class="saved">
          {saved}
        </p>
      )}
      <details>
        <summary>Tilføj et tilbud</summary>
        <form onSubmit={create} aria-label="Tilføj et tilbud">
          <ErrorBanner error={error} />
          <div class="row actions">
            <Field label="Tilbuddets navn" error={fieldError(error, 'name')}>
              {(p) => <input {...p} value={form.name} onInput={set('name')} />}
            </Field>
            <Field label="Leverandør" error={fieldError(error, 'provider')}>
              {(p) => <input {...p} value={form.provider} onInput={set('provider')} />}
            </Field>
            <Field label="Område" error={fieldError(error, 'domain')}>
              {(p) => (
                <select {...p} value={form.domain} onChange={set('domain')}>
                  {Object.entries(DOMAINS).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Målgruppe" error={fieldError(error, 'targetGroup')}>
              {(p) => <input {...p} value={form.targetGroup} onInput={set('targetGroup')} />}
            </Field>
            <Field label="Pladser (tomt: ubegrænset)" error={fieldError(error, 'capacity')}>
              {(p) => <input {...p} type="number" min={0} value={form.capacity} onInput={set('capacity')} />}
            </Field>
          </div>
          <Field label="Beskrivelse" error={fieldError(error, 'description')}>
            {(p) => <textarea {...p} rows={2} value={form.description} onInput={set('description')} />}
          </Field>
          <Checkboxes legend="Kommuner (ingen: et landsdækkende tilbud)" options={MUNICIPALITY_OPTIONS} chosen={form.municipalities} onChange={(municipalities) => setForm({ ...form, municipalities })} error={fieldError(error, 'municipalities')} />
          <button type="submit" class="primary" disabled={busy}>
            Tilføj tilbud
          </button>
        </form>
      </details>
    </Section>
  );
}
