import type { User } from '../contract/schemas.js';
import { missingHours, weekOfTick } from '../domain/internships.js';
import { recipientsOf } from '../domain/recipients.js';
import type { Audience } from '../domain/step-clock.js';
import type { StoredJourney } from '../store/journeys.js';
import { readJourneyItems } from '../store/journeys.js';
import { internshipsAmong } from '../store/internships.js';
import { notifyOnce } from '../store/notifications.js';

/**
 * A tick of the internship stage's weekly clock: the contact person is told, once per internship and week, of
 * each internship that ran in the tick's week and has no hours for it. Read when the tick fires, so hours
 * registered by then send nothing.
 */
export async function remindHoursNotRegistered(journey: StoredJourney, tick: { index: number; dueAt: string; notifications: { kind: string; audience: Audience }[] }, users: User[]): Promise<number> {
  const week = weekOfTick(journey.stageEnteredAt, tick.index);
  const missing = missingHours(internshipsAmong(await readJourneyItems(journey.id)), week);
  let sent = 0;
  for (const notice of tick.notifications) {
    for (const internship of missing) {
      const recipients = recipientsOf(users, journey, notice.audience);
      if (await notifyOnce({ enrolmentId: journey.id, kind: notice.kind, dueAt: tick.dueAt, recipients, subject: `hours:${internship.id}:${week}` })) sent++;
    }
  }
  return sent;
}
