import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { NoteResult, TovholdersResult, type UserSummary } from '../../../functions/contract/schemas.js';
import { api } from '../api.js';
import { formatDateTime } from '../format.js';
import { has } from '../session.js';
import { staff } from '../users.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';

type Person = z.output<typeof UserSummary>;

const CHANNELS: Record<string, string> = {
  phone: 'Telefon',
  sms: 'SMS',
  'e-mail': 'E-mail',
  letter: 'Brev',
  'home-visit': 'Hjemmebesøg',
  'in-person': 'Personligt fremmøde',
  'digital-post': 'Digital Post',
  outreach: 'Opsøgende medarbejder',
};

/** The lead assigns the primary and secondary tovholder (PUT /enrolments/{id}/tovholders). */
export function TovholderSection({ journey, session, onSaved }: SectionProps) {
  const [people, setPeople] = useState<Person[]>([]);
  const [primary, setPrimary] = useState(journey.primaryTovholder?.username ?? '');
  const [secondary, setSecondary] = useState(journey.secondaryTovholder?.username ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const canAssign = has(session, 'lead') && journey.stage !== 'closed';

  useEffect(() => {
    if (!canAssign) return;
    void Promise.all([staff(journey.programmeId, 'tovholder'), staff(journey.programmeId, 'lead')]).then(([t, l]) =>
      setPeople([...t, ...l.filter((x) => !t.some((y) => y.username === x.username))]),
    );
  }, [journey.programmeId, canAssign]);

  if (!canAssign) return null;
  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.put(TovholdersResult, `/enrolments/${journey.id}/tovholders`, { primary: primary || undefined, ...(secondary ? { secondary } : {}) });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Section title="Tovholdere" id="tovholders">
      {journey.needsTovholder && <p class="field-error">Borgeren mangler en tovholder.</p>}
      <form onSubmit={save} aria-label="Tildel tovholdere">
        <ErrorBanner error={error} />
        <div class="actions">
          <Field label="Primær tovholder" error={fieldError(error, 'primary')}>
            {(p) => (
              <select {...p} value={primary} onChange={(e) => setPrimary(e.currentTarget.value)}>
                <option value="">Vælg …</option>
                {people.map((u) => (
                  <option value={u.username}>{u.name}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Sekundær tovholder" error={fieldError(error, 'secondary')}>
            {(p) => (
              <select {...p} value={secondary} onChange={(e) => setSecondary(e.currentTarget.value)}>
                <option value="">Ingen</option>
                {people.map((u) => (
                  <option value={u.username}>{u.name}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <button type="submit" class="primary">
          Gem tovholdere
        </button>
        {saved && (
          <span role="status" class="saved">
            Tovholderne er gemt.
          </span>
        )}
      </form>
    </Section>
  );
}

/** The journal: notes and contact attempts (these count towards "could not be contacted"). */
export function JournalSection({ journey, session, onSaved }: SectionProps) {
  const [kind, setKind] = useState<'note' | 'contact-attempt'>('note');
  const [text, setText] = useState('');
  const [channel, setChannel] = useState('phone');
  const [reached, setReached] = useState('');
  const [addressee, setAddressee] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const canWrite = has(session, 'lead', 'tovholder', 'caseworker', 'care-manager', 'coordination-member');
  const c = journey.contacts;

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(NoteResult, `/enrolments/${journey.id}/notes`, {
        kind,
        text,
        ...(kind === 'contact-attempt' ? { channel, reached: reached === '' ? undefined : reached === 'yes', ...(addressee ? { addressee } : {}) } : {}),
      });
      setText('');
      setReached('');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Journal" id="journal">
      <p class="hint">
        Kontaktforsøg: {c.attempts}, uden kontakt: {c.unreached}
        {c.lastReachedAt ? `, sidst i kontakt ${formatDateTime(c.lastReachedAt)}` : ''}
      </p>
      {journey.notes.length === 0 ? (
        <p class="empty">Ingen notater.</p>
      ) : (
        <ol class="timeline">
          {[...journey.notes].reverse().map((n) => (
            <li>
              <time dateTime={n.at}>{formatDateTime(n.at)}</time>{' '}
              <strong>{n.kind === 'contact-attempt' ? `Kontaktforsøg (${CHANNELS[n.channel ?? ''] ?? n.channel}${n.addressee ? `, til ${n.addressee}` : ''}, ${n.reached ? 'i kontakt' : 'ikke i kontakt'})` : 'Notat'}</strong>
              <span class="by"> · {n.by}</span>
              <div>{n.text}</div>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form onSubmit={save} aria-label="Skriv i journalen">
          <ErrorBanner error={error} />
          <div class="actions">
            <Field label="Type" error={fieldError(error, 'kind')}>
              {(p) => (
                <select {...p} value={kind} onChange={(e) => setKind(e.currentTarget.value as 'note')}>
                  <option value="note">Notat</option>
                  <option value="contact-attempt">Kontaktforsøg</option>
                </select>
              )}
            </Field>
            {kind === 'contact-attempt' && (
              <>
                <Field label="Kanal" error={fieldError(error, 'channel')}>
                  {(p) => (
                    <select {...p} value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
                      {Object.entries(CHANNELS).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  )}
                </Field>
                {journey.guardians.length > 0 && (
                  <Field label="Til" error={fieldError(error, 'addressee')}>
                    {(p) => (
                      <select {...p} value={addressee} onChange={(e) => setAddressee(e.currentTarget.value)}>
                        <option value="">Den unge selv</option>
                        {journey.guardians.map((g) => (
                          <option value={g.name}>{`${g.name} (${g.relation})`}</option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                <Field label="Kontakt opnået?" error={fieldError(error, 'reached')}>
                  {(p) => (
                    <select {...p} value={reached} onChange={(e) => setReached(e.currentTarget.value)}>
                      <option value="">Vælg …</option>
                      <option value="yes">Ja</option>
                      <option value="no">Nej</option>
                    </select>
                  )}
                </Field>
              </>
            )}
          </div>
          <Field label="Tekst" error={fieldError(error, 'text')}>
            {(p) => <textarea {...p} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            Gem i journalen
          </button>
        </form>
      )}
    </Section>
  );
}
