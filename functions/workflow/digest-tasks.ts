import { z } from 'zod';
import { worklistOfUser } from '../app/worklist.js';
import { DEFAULT_DIGEST_TIME, digestSlots, digestText } from '../domain/worklist.js';
import { copenhagenDate } from '../domain/working-days.js';
import { now } from '../platform/clock.js';
import { logger } from '../platform/logger.js';
import { sendMail, worklistLink } from '../platform/mailer.js';
import { listUsers } from '../store/users.js';
import { markDigestSent } from '../store/worklist.js';

/**
 * The tasks of the digest state machine (workflows/digest.ts): which digest time comes next today, and the
 * digests of one time. Versioned inputs: a field added later must be optional.
 */
const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('plan') }),
  z.object({ action: z.literal('send'), time: z.string(), at: z.string() }),
]);

/** Who gets a digest: active staff with a worklist (an admin or evaluator never has one). */
const digestUsers = async () => (await listUsers()).filter((u) => u.active && !u.roles.includes('admin') && !u.roles.includes('evaluator'));

/** The first digest time of today after `after` (inclusive), or null. */
async function nextSlot(after: Date) {
  return { next: digestSlots((await digestUsers()).map((u) => u.digestTime), after)[0] ?? null };
}

/** Mails the digest of every user of `time` with something on their worklist, once per user and day. */
async function send(input: { time: string; at: string }) {
  const at = new Date(input.at);
  const date = copenhagenDate(at);
  let sent = 0;
  for (const user of (await digestUsers()).filter((u) => (u.digestTime ?? DEFAULT_DIGEST_TIME) === input.time)) {
    const { counts } = await worklistOfUser(user);
    if (counts.total === 0 || !(await markDigestSent(user.username, date, now().toISOString()))) continue;
    const { subject, body } = digestText(counts, worklistLink());
    await sendMail(user.email, subject, body, `digest-${user.username}-${date}`);
    sent++;
  }
  logger.info('digests sent', { time: input.time, sent });
  return nextSlot(new Date(at.getTime() + 60_000));
}

export const handler = async (event: unknown) => {
  const input = TaskInput.parse(event);
  switch (input.action) {
    case 'plan':
      return nextSlot(now());
    case 'send':
      return send(input);
  }
};
