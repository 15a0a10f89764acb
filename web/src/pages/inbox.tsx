import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { Inbox, InboxItem } from '../../../functions/contract/schemas.js';
import { api } from '../api.js';
import { formatDateTime, INBOX_KINDS, label, withWeek } from '../format.js';
import { hasOverview, type Session } from '../session.js';
import { ErrorBanner, Loading } from '../ui.js';

type Item = z.output<typeof InboxItem>;

/** Reminders and alerts, newest first (as the API gives them), each linking to its citizen. */
export function InboxPage({ session }: { session: Session }) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.get(Inbox, '/me/inbox').then((b) => setItems(b.items), setError);
  }, []);

  async function markRead(id: string) {
    try {
      const updated = await api.post(InboxItem, `/me/inbox/${encodeURIComponent(id)}/read`);
      setItems((items ?? []).map((i) => (i.id === id ? updated : i)));
      session.refreshInbox();
    } catch (e) {
      setError(e);
    }
  }

  // A provider reads no journey: their reminders open their own appointments, that citizen's marked.
  const readsJourneys = hasOverview(session) || !session.me.roles.includes('provider');
  return (
    <>
      <h1>Indbakke</h1>
      <ErrorBanner error={error} />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="empty">Ingen påmindelser eller advarsler.</p>
      ) : (
        <ul class="inbox">
          {items.map((i) => (
            <li key={i.id} class={i.read ? 'read' : 'unread'}>
              <div>
                <strong class={`kind kind-${i.kind}`}>{label(INBOX_KINDS, i.kind)}</strong>
                {!i.read && <span class="badge unread-badge">Ulæst</span>}
              </div>
              <div>
                Frist {withWeek(i.dueAt)} · modtaget {formatDateTime(i.createdAt)}
              </div>
              <div class="inbox-actions">
                {readsJourneys ? <a href={`#/borger/${i.enrolmentId}`}>Åbn borgerens forløb</a> : <a href={`#/aftaler?borger=${encodeURIComponent(i.enrolmentId)}`}>Åbn aftalerne</a>}
                {!i.read && (
                  <button type="button" onClick={() => void markRead(i.id)}>
                    Markér som læst
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
