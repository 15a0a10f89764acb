import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../local/runtime.js';
import { bootstrap, DEMO_CITIZENS, demoCpr } from '../../local/seed.js';
import { DEMO_USERS } from '../../local/demo-users.js';
import { exportAudit } from '../../functions/store/exports.js';
import { System } from '../support/system.js';

/*
 * Evaluation exports on the whole local system with the demo data: each format read back with a reader that
 * is not its writer and compared with the API's view of the same journeys; the dictionary; suppression; no
 * identifying datum in any file; the audit; the evaluator's reach; the monthly schedule on the local clock.
 */

let system: System;
let programmeId: string;
const evaluator = () => system.as('eva.evaluator');

beforeAll(async () => {
  const runtime = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'forlob-exports-')), port: 0, inMemory: true, logLevel: 'WARN' });
  await bootstrap(runtime, { demo: true });
  system = new System(runtime);
  programmeId = (await system.as('lise.leder').get('/programmes')).body.items[0].id;
}, 180_000);
afterAll(async () => system?.stop());

interface Done {
  id: string;
  files: { name: string; bytes: number; sha256: string }[];
  status: string;
  progress: { done: number; total: number };
}

async function exported(body: object, as = evaluator()): Promise<Done> {
  const started = await as.post(`/programmes/${programmeId}/exports`, body);
  expect(started.status).toBe(202);
  expect(started.body.status).toBe('running');
  await system.runtime.stepFunctions.settled();
  const reply = await as.get(`/exports/${started.body.id}`);
  expect(reply.status).toBe(200);
  expect(reply.body.status).toBe('done');
  return reply.body;
}

async function download(id: string, name: string): Promise<Uint8Array> {
  const res = await fetch(`${system.url}/exports/${id}/files/${name}`, { headers: { authorization: `Bearer ${await system.tokenFor('eva.evaluator')}` } });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Danish Excel CSV back into cells: BOM, CRLF, `;`, decimal comma, the formula guard undone. */
function readCsv(bytes: Uint8Array): string[][] {
  const text = Buffer.from(bytes).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  const lines = text.slice(1).split('\r\n').slice(0, -1);
  return lines.map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ';') cells.push(cell), (cell = '');
      else cell += c;
    }
    cells.push(cell);
    return cells;
  });
}

/** The first sheet of an XLSX, by unzipping it and reading its XML (exceljs writes inline strings). */
function readXlsx(bytes: Uint8Array): string[][] {
  const files = unzipSync(bytes);
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const shared = files['xl/sharedStrings.xml'] ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]!) : [];
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const column = (ref: string) => [...ref.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [...sheet.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((row) => {
    const cells: string[] = [];
    for (const c of row[1]!.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const [, ref, attrs, inner = ''] = c;
      const v = /<v>(.*?)<\/v>/s.exec(inner)?.[1];
      const t = /<t[^>]*>(.*?)<\/t>/s.exec(inner)?.[1];
      cells[column(ref!)] = unescape(attrs!.includes('t="s"') ? shared[Number(v)]! : (t ?? v ?? ''));
    }
    return Array.from(cells, (x) => x ?? '');
  });
}

const fromCsvCell = (cell: string) => (/^-?\d+(,\d+)?$/.test(cell) ? cell.replace(',', '.') : cell.replace(/^'(?=[=+\-@])/, ''));

/** What the panel says of each journey in its last month, as a sorted list to compare with the API's. */
function lastMonth(rows: string[][], month: string) {
  const [header, ...data] = rows;
  const at = (name: string) => header!.indexOf(name);
  return data
    .filter((r) => r[at('month')] === month)
    .map((r) => [r[at('municipality')], r[at('group')], r[at('stage')], r[at('outcome')] || null].join('|'))
    .sort();
}

describe('evaluation exports', () => {
  let panel: Done;
  let rows: string[][];
  let month: string;
  let journeysAsTheApiShowsThem: string[];

  beforeAll(async () => {
    panel = await exported({ kind: 'panel', format: 'csv' });
    rows = readCsv(await download(panel.id, 'panel.csv'));
    month = (await system.request('GET', '/local/clock')).body.now.slice(0, 7);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await system.as('lise.leder').get(`/programmes/${programmeId}/enrolments${cursor ? `?cursor=${cursor}` : ''}`)).body;
      ids.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.cursor;
    } while (cursor);
    const journeys = await Promise.all(ids.map(async (id) => (await system.as('lise.leder').get(`/enrolments/${id}`)).body));
    journeysAsTheApiShowsThem = journeys.map((j) => [j.citizen.municipality, j.colour ?? 'unscreened', j.stage, j.outcome?.outcome ?? null].join('|')).sort();
  });

  it('writes the panel as Danish Excel CSV with its dictionary, and shows its progress', async () => {
    expect(panel.files.map((f) => f.name).sort()).toEqual(['dictionary.csv', 'dictionary.json', 'panel.csv']);
    expect(panel.progress.done).toBe(DEMO_CITIZENS.length);
    expect(panel.progress.total).toBe(DEMO_CITIZENS.length);
    const dictionary = JSON.parse(Buffer.from(await download(panel.id, 'dictionary.json')).toString('utf8'));
    expect(dictionary.dictionaryVersion).toBe('1');
    expect(rows[0]).toEqual(dictionary.columns.map((c: { name: string }) => c.name));
    for (const column of dictionary.columns) {
      expect(column.type).toMatch(/^(string|integer|number|month)$/);
      expect(column.unit.length).toBeGreaterThan(0);
      expect(column.da.length).toBeGreaterThan(10);
      expect(column.en.length).toBeGreaterThan(10);
    }
    const dictionaryCsv = readCsv(await download(panel.id, 'dictionary.csv'));
    expect(dictionaryCsv[0]).toEqual(['dictionaryVersion', 'column', 'type', 'unit', 'definition_da', 'definition_en']);
    expect(dictionaryCsv.slice(1).map((r) => r[1])).toEqual(dictionary.columns.map((c: { name: string }) => c.name));
    for (const column of ['pseudonym', 'municipality', 'template', 'templateVersion', 'month', 'monthsSinceEnrolment', 'ageBand', 'baselineGroup', 'group', 'stage', 'daysInStage', 'appointmentsBooked', 'appointmentsAttended', 'noShows', 'outcome', 'outcomeMonth']) {
      expect(rows[0]).toContain(column);
    }
  });

  it('says of every journey what the API says of it', () => {
    expect(lastMonth(rows, month)).toEqual(journeysAsTheApiShowsThem);
  });

  it('gives the same rows as XLSX (read by unzipping, not by exceljs) and as Parquet (read by hyparquet)', async () => {
    const xlsx = await exported({ kind: 'panel', format: 'xlsx' });
    const sheet = readXlsx(await download(xlsx.id, 'panel.xlsx'));
    const parquet = await exported({ kind: 'panel', format: 'parquet' });
    const bytes = await download(parquet.id, 'panel.parquet');
    const objects = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    const header = rows[0]!;
    const csvAsValues = rows.slice(1).map((r) => r.map(fromCsvCell).join('\t')).sort();
    expect(sheet[0]).toEqual(header);
    expect(sheet.slice(1).map((r) => header.map((_, i) => r[i] ?? '').join('\t')).sort()).toEqual(csvAsValues);
    expect(objects.map((o: Record<string, unknown>) => header.map((h) => (o[h] === null || o[h] === undefined ? '' : String(o[h]))).join('\t')).sort()).toEqual(csvAsValues);
    expect(lastMonth(sheet, month)).toEqual(journeysAsTheApiShowsThem);
  });

  it('gives each citizen a pseudonym that is stable across the programme’s exports and differs in another programme', async () => {
    const pseudonyms = (r: string[][]) => new Set(r.slice(1).map((x) => x[0]));
    const again = readCsv(await download((await exported({ kind: 'panel', format: 'csv' })).id, 'panel.csv'));
    expect(pseudonyms(again)).toEqual(pseudonyms(rows));
    expect(pseudonyms(rows).size).toBe(DEMO_CITIZENS.length);
    // The first demo citizen, enrolled in a second programme of the same evaluator.
    const admin = system.as('admin');
    const other = (await admin.post('/programmes', { name: 'Andet program', template: 'brug-for-alle', municipalities: ['0183', '0187'] })).body;
    expect((await admin.patch('/users/lise.leder', { programmes: [programmeId, other.id] })).status).toBe(200);
    expect((await admin.patch('/users/eva.evaluator', { programmes: [programmeId, other.id] })).status).toBe(200);
    const citizen = DEMO_CITIZENS[0]!;
    expect((await system.as('lise.leder').post(`/programmes/${other.id}/enrolments`, { cpr: demoCpr(citizen.born, 0), name: citizen.name, municipality: citizen.municipality })).status).toBe(201);
    const started = await evaluator().post(`/programmes/${other.id}/exports`, { kind: 'panel', format: 'csv' });
    await system.runtime.stepFunctions.settled();
    const theirs = readCsv(await download(started.body.id, 'panel.csv'));
    expect(theirs.length).toBe(2);
    expect(pseudonyms(rows).has(theirs[1]![0]!)).toBe(false);
  });

  it('exports the indicators as the dashboard shows them, suppressed', async () => {
    const indicators = await exported({ kind: 'indicators', format: 'csv' });
    expect(indicators.files.map((f) => f.name).sort()).toEqual(['dictionary.csv', 'dictionary.json', 'indikatorer.csv']);
    const table = readCsv(await download(indicators.id, 'indikatorer.csv'));
    const dashboard = (await evaluator().get(`/programmes/${programmeId}/indicators`)).body;
    const header = table[0]!;
    expect(header.slice(0, 3)).toEqual(['municipality', 'month', 'enrolled']);
    expect(table.length - 1).toBe(dashboard.rows.length);
    for (const [i, row] of dashboard.rows.entries()) {
      const line = table[i + 1]!;
      expect(line[0]).toBe(row.municipality);
      expect(line[1]).toBe(row.month);
      for (const column of dashboard.columns) {
        const value = row.values[column.column];
        expect(line[header.indexOf(column.column)], `${row.municipality} ${row.month} ${column.column}`).toBe(value === null ? '' : String(value).replace('.', ','));
        if (column.kind === 'count') expect(value === null || value === 0 || value >= 5, `${row.municipality} ${row.month} ${column.column} = ${value}`).toBe(true);
      }
      expect(line[header.indexOf('suppressed')]).toBe(row.suppressed.join(','));
      for (const column of row.suppressed) expect(row.values[column]).toBeNull();
    }
    // The demo has 12 citizens in Ishøj and 8 in Vallensbæk: small counts are there, and hidden.
    expect(dashboard.rows.some((r: { suppressed: string[] }) => r.suppressed.includes('enrolled'))).toBe(true);
    expect(dashboard.goal).toBe(0.5);
  });

  it('puts no CPR number, name, username or birth date of anyone in any file of any format', async () => {
    const exportsMade = (await evaluator().get(`/programmes/${programmeId}/exports`)).body.items;
    expect(new Set(exportsMade.map((e: { format: string }) => e.format))).toEqual(new Set(['csv', 'xlsx', 'parquet']));
    const forbidden = [
      ...DEMO_CITIZENS.flatMap((c, n) => [demoCpr(c.born, n), demoCpr(c.born, n).replace('-', ''), c.name, c.born, `${c.born.slice(8, 10)}${c.born.slice(5, 7)}${c.born.slice(2, 4)}`]),
      ...DEMO_USERS.flatMap((u) => [u.username, u.name]),
    ];
    let files = 0;
    for (const made of exportsMade) {
      for (const file of made.files) {
        const bytes = await download(made.id, file.name);
        const texts = [Buffer.from(bytes).toString('utf8')];
        if (file.name.endsWith('.xlsx')) texts.push(...Object.values(unzipSync(bytes)).map((b) => strFromU8(b)));
        if (file.name.endsWith('.parquet')) texts.push(JSON.stringify(await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })));
        for (const text of texts) for (const word of forbidden) expect(text.includes(word), `${file.name} holds ${word.length} characters it must not`).toBe(false);
        files++;
      }
    }
    expect(files).toBeGreaterThanOrEqual(15);
  });

  it('audits every export started, finished and downloaded, with who and which programme', async () => {
    const entries = await exportAudit(programmeId);
    for (const action of ['export-started', 'export-finished', 'export-downloaded']) {
      const of = entries.filter((e) => e.action === action && e.exportId === panel.id);
      expect(of.length, action).toBeGreaterThan(0);
      expect(of.every((e) => e.actor === 'eva.evaluator' && e.programmeId === programmeId)).toBe(true);
    }
  });

  it('lets the evaluator reach no citizen, and nobody outside the programme reach its exports', async () => {
    const anyJourney = (await system.as('lise.leder').get(`/programmes/${programmeId}/enrolments`)).body.items[0].id;
    expect((await evaluator().get(`/enrolments/${anyJourney}`)).status).toBe(404);
    expect((await evaluator().get(`/programmes/${programmeId}/enrolments`)).status).toBe(403);
    expect((await system.as('tove.tovholder').get(`/exports/${panel.id}`)).status).toBe(403);
    expect((await system.as('tove.tovholder').post(`/programmes/${programmeId}/exports`, { kind: 'panel', format: 'csv' })).status).toBe(403);
    expect((await evaluator().post(`/programmes/${programmeId}/exports`, { kind: 'panel', format: 'pdf' })).status).toBe(400);
    expect((await evaluator().post(`/programmes/${programmeId}/exports`, { kind: 'panel', format: 'csv', from: '2026-05', to: '2026-01' })).status).toBe(400);
    expect((await evaluator().get(`/exports/${panel.id}/files/other.csv`)).status).toBe(404);
  });

  it('runs a monthly schedule on the local clock', async () => {
    const put = await evaluator().put(`/programmes/${programmeId}/export-schedule`, { kind: 'indicators', format: 'xlsx', dayOfMonth: 28 });
    expect(put.status).toBe(200);
    expect((await evaluator().put(`/programmes/${programmeId}/export-schedule`, { kind: 'indicators', format: 'xlsx', dayOfMonth: 29 })).status).toBe(400);
    const before = (await evaluator().get(`/programmes/${programmeId}/exports`)).body.items.length;
    await system.advance('P32D');
    await system.runtime.stepFunctions.settled();
    const after = (await evaluator().get(`/programmes/${programmeId}/exports`)).body.items;
    const scheduled = after.filter((e: { by: string }) => e.by === 'schedule');
    expect(after.length - before).toBe(1);
    expect(scheduled[0]).toMatchObject({ kind: 'indicators', format: 'xlsx', status: 'done' });
    expect(scheduled[0].files.map((f: { name: string }) => f.name).sort()).toEqual(['dictionary.csv', 'dictionary.json', 'indikatorer.xlsx']);
  }, 120_000);
});
