import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { now } from './clock.js';

/**
 * E-mail that tells a user there is something in their Forløb inbox. It carries no personal data — no name,
 * CPR number or score — only the kind of message and a link. Locally it is written to a file outbox.
 */
/** Made at the first e-mail, not at cold start: most invocations of the functions that may mail send none. */
let ses: SESv2Client | undefined;

const SUBJECTS: Record<string, string> = {
  'missed-attendance': 'En borger mødte ikke op',
  'attendance-not-registered': 'Fremmøde er ikke registreret',
  'screening-overdue': 'Screening er overskredet',
  'step-overdue': 'Et skridt i et forløb er overskredet',
  escalation: 'Eskalering: et forløb venter',
  'follow-up-due': 'Opfølgning skal ske',
  'safety-flag': 'Sikkerhedsflag: opfølgning i dag',
  'colour-changed': 'En borger har skiftet farve',
  'needs-tovholder': 'Et forløb mangler tovholder',
  'intervention-not-started': 'En indsats er ikke startet',
};

export async function sendNotificationMail(to: string, kind: string, notificationId: string): Promise<void> {
  const link = `${process.env.APP_URL ?? ''}/#/inbox`;
  await sendMail(to, `Forløb: ${SUBJECTS[kind] ?? 'ny besked'}`, `Du har en ny besked i Forløb.\n\nLog ind for at se den: ${link}\n`, notificationId);
}

/** The link a digest carries: the worklist, the coordinator's start page. */
export const worklistLink = () => `${process.env.APP_URL ?? ''}/#/`;

/** An e-mail (no personal data in it: callers write counts and links only), to the local outbox as `{id}.json` or by SES. */
export async function sendMail(to: string, subject: string, body: string, id: string): Promise<void> {
  const outbox = process.env.OUTBOX_DIR;
  if (outbox) {
    // The local outbox holds addresses: readable by the user who runs the system only.
    mkdirSync(outbox, { recursive: true, mode: 0o700 });
    writeFileSync(join(outbox, `${id}.json`), JSON.stringify({ to, subject, body, sentAt: now().toISOString() }, null, 2), { mode: 0o600 });
    return;
  }
  ses ??= new SESv2Client({});
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.MAIL_FROM,
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: body } } } },
    }),
  );
}
