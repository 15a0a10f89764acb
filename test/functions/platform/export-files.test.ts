import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DOWNLOAD_URL_SECONDS, exportDownload, openExportFile } from '../../../functions/platform/export-files.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('export files', () => {
  it('are written as a stream to the local store with their size and SHA-256, and given back as bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forlob-export-files-'));
    process.env['EXPORT_STORE'] = pathToFileURL(dir).href;
    const file = openExportFile('e1/panel.csv');
    file.stream.write('a;b\r\n');
    file.stream.end('1;2\r\n');
    const written = await file.done;
    expect(written).toEqual({ bytes: 10, sha256: createHash('sha256').update('a;b\r\n1;2\r\n').digest('hex') });
    expect(readFileSync(join(dir, 'e1/panel.csv'), 'utf8')).toBe('a;b\r\n1;2\r\n');
    expect(await exportDownload('e1/panel.csv', 'panel.csv')).toEqual({ bytes: Buffer.from('a;b\r\n1;2\r\n') });
  });

  it('are downloaded from S3 through a presigned URL that lives a minute', async () => {
    Object.assign(process.env, { EXPORT_STORE: 's3://forlob-exports', AWS_REGION: 'eu-north-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    const download = await exportDownload('e1/panel.csv', 'panel.csv');
    expect('redirect' in download).toBe(true);
    const url = new URL((download as { redirect: string }).redirect);
    expect(url.hostname).toContain('forlob-exports');
    expect(url.pathname).toBe('/e1/panel.csv');
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(DOWNLOAD_URL_SECONDS));
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="panel.csv"');
  });
});
