import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * Where export files go: `EXPORT_STORE` is `s3://bucket` in the cloud (a multipart upload streams each file,
 * the bucket encrypts it with its KMS key) and `file:///…/exports` locally (DATA_DIR/exports). Files are
 * written as a stream, so memory does not grow with their size; each file's size and SHA-256 are counted on
 * the way.
 */
function store(): { kind: 's3'; bucket: string } | { kind: 'file'; dir: string } {
  const ref = process.env['EXPORT_STORE'];
  if (!ref) throw new Error('environment variable EXPORT_STORE is not set');
  if (ref.startsWith('s3://')) return { kind: 's3', bucket: ref.slice('s3://'.length) };
  return { kind: 'file', dir: fileURLToPath(ref) };
}

let s3: S3Client | undefined;
const s3Client = () => (s3 ??= new S3Client({}));

/** How long a download link lives: long enough to start the download, too short to be passed around. */
export const DOWNLOAD_URL_SECONDS = 60;

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

export interface FileUpload {
  /** Write the file's bytes here, then end it. */
  stream: Writable;
  /** Settles when the file is stored (or failed). */
  done: Promise<WrittenFile>;
}

/** Opens one export file for writing, at `key` (`{exportId}/{name}`). */
export function openExportFile(key: string): FileUpload {
  const hash = createHash('sha256');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const where = store();
  let stored: Promise<unknown>;
  if (where.kind === 's3') {
    const body = new PassThrough();
    counter.pipe(body);
    stored = new Upload({ client: s3Client(), params: { Bucket: where.bucket, Key: key, Body: body }, queueSize: 2, partSize: 8 * 1024 * 1024 }).done();
  } else {
    const path = join(where.dir, key);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    stored = pipeline(counter, createWriteStream(path, { mode: 0o600 }));
  }
  return { stream: counter, done: stored.then(() => ({ bytes, sha256: hash.digest('hex') })) };
}

/** A stored file as the download route gives it: a short-lived presigned URL in the cloud, the bytes locally. */
export async function exportDownload(key: string, filename: string): Promise<{ redirect: string } | { bytes: Uint8Array }> {
  const where = store();
  if (where.kind === 's3') {
    const command = new GetObjectCommand({ Bucket: where.bucket, Key: key, ResponseContentDisposition: `attachment; filename="${filename}"` });
    return { redirect: await getSignedUrl(s3Client(), command, { expiresIn: DOWNLOAD_URL_SECONDS }) };
  }
  return { bytes: readFileSync(join(where.dir, key)) };
}

