import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { config } from './env.js';

/**
 * CPR numbers are stored encrypted (AES-256-GCM) and found through a keyed hash (HMAC-SHA256), both keys
 * derived from one secret. In the cloud the secret lives in Secrets Manager; the local runtime points
 * CPR_SECRET_ARN at a file in DATA_DIR (file://…), the one place where the two differ.
 */
interface CprKeys {
  encryption: Buffer;
  lookup: Buffer;
}

let keys: Promise<CprKeys> | undefined;

export async function readSecret(ref: string): Promise<string> {
  if (ref.startsWith('file://')) return readFileSync(new URL(ref), 'utf8').trim();
  const client = new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: ref }));
  if (!out.SecretString) throw new Error('CPR secret has no string value');
  return out.SecretString;
}

function loadKeys(): Promise<CprKeys> {
  keys ??= readSecret(config.cprSecret).then((secret) => {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'forlob-cpr', info, 32));
    return { encryption: derive('encryption'), lookup: derive('lookup') };
  });
  return keys;
}

/** The keyed hash a citizen is found by; the CPR itself is never a key. */
export async function cprLookupHash(cpr: string): Promise<string> {
  const { lookup } = await loadKeys();
  return createHmac('sha256', lookup).update(cpr).digest('base64url');
}

export async function encryptCpr(cpr: string): Promise<string> {
  const { encryption } = await loadKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryption, iv);
  const sealed = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

export async function decryptCpr(stored: string): Promise<string> {
  const { encryption } = await loadKeys();
  const [iv, tag, sealed] = stored.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !sealed) throw new Error('stored CPR is malformed');
  const decipher = createDecipheriv('aes-256-gcm', encryption, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}
