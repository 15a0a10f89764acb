import { createHmac, hkdfSync } from 'node:crypto';
import { readSecret } from './cpr-vault.js';

/**
 * The pseudonyms of the evaluation exports: a keyed hash (HMAC-SHA256) of the programme and the citizen's CPR
 * lookup hash, under a key used for nothing else (its own secret in the cloud, `EXPORT_KEY_ARN`; a file in
 * DATA_DIR locally). Never of the CPR itself, so an export decrypts nothing and its functions hold no CPR
 * secret. The same citizen has the same pseudonym in every export of a programme and another in each other
 * programme; without the key a pseudonym links to nothing.
 */
let key: Promise<Buffer> | undefined;

function exportKey(): Promise<Buffer> {
  const ref = process.env['EXPORT_KEY_ARN'];
  if (!ref) throw new Error('environment variable EXPORT_KEY_ARN is not set');
  key ??= readSecret(ref).then((secret) => Buffer.from(hkdfSync('sha256', secret, 'forlob-export', 'pseudonym', 32)));
  return key;
}

export async function pseudonymOf(programmeId: string, cprLookupHash: string): Promise<string> {
  return createHmac('sha256', await exportKey()).update(`${programmeId}\n${cprLookupHash}`).digest('base64url').slice(0, 22);
}
