import { decide, type Command, type Decided } from '../domain/decide.js';
import { recipientsOf } from '../domain/recipients.js';
import { templateOf } from '../domain/templates/index.js';
import type { User } from '../contract/schemas.js';
import { refusalError } from '../platform/errors.js';
import type { StoredJourney } from '../store/journeys.js';
import { notifyOnce } from '../store/notifications.js';
import { listUsers } from '../store/users.js';
import { signalJourney } from './journey-workflow.js';

/** Decides a command on a stored journey by its own template version; a refusal becomes the contract's error. */
export function decideOrRefuse(journey: StoredJourney, command: Command, at: Date): Decided<StoredJourney> {
  const decided = decide(templateOf(journey), journey, command, at);
  if (!decided.ok) throw refusalError(decided);
  return decided;
}

/** What follows a decision once it is stored: the waiting step is told, and each notification goes out once. */
export async function followDecision(journey: StoredJourney, decided: Decided<StoredJourney>, staff?: User[]): Promise<void> {
  if (decided.signals.length) await signalJourney(journey);
  if (decided.notifications.length === 0) return;
  const users = staff ?? (await listUsers());
  for (const n of decided.notifications) {
    await notifyOnce({ enrolmentId: journey.id, kind: n.kind, dueAt: n.dueAt, subject: n.subject, recipients: recipientsOf(users, { ...journey, owner: n.owner }, n.audience) });
  }
}
