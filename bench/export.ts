/**
 * `npm run bench:export`: the evaluation export (a CSV panel) of 10,000 and of 100,000 enrolments against
 * DynamoDB Local, beside the raw paginated Queries that read exactly the items the export reads (the CPR
 * lookups of the programme, then each enrolment's partition, as many at once), in the same run. Each pass runs
 * in a fresh Node process of its own, so its peak RSS is its own. The journeys are written straight through the
 * store layer (`createJourneys`), not through HTTP. Prints both throughputs, their ratio and the peak RSS.
 * `npm run bench:export -- 2000` runs one size (about 14 minutes for both default sizes on 2 busy cores).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `pass raw|export {programmeId}` in a child; otherwise the sizes to run, comma-separated (default 10000,100000). */
const [role, ...args] = process.argv.slice(2);

/** What every process of the bench shares: the tables, named as the template names them, and where files go. */
function environment(endpoint: string, dir: string): Record<string, string> {
  return {
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    DATA_TABLE: process.env['BENCH_DATA_TABLE']!,
    AUDIT_TABLE: process.env['BENCH_AUDIT_TABLE']!,
    EXPORT_STORE: pathToFileURL(join(dir, 'exports')).href,
    EXPORT_KEY_ARN: pathToFileURL(join(dir, 'export-key')).href,
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
}

/** One pass, in this process: `raw` reads the items, `export` writes the panel. Prints a JSON line. */
async function pass(mode: string, programmeId: string): Promise<void> {
  const { enrolmentsForExport } = await import('../functions/store/exports.js');
  const { recordExport, writeExport } = await import('../functions/app/exports.js');
  const { getProgramme } = await import('../functions/store/programmes.js');
  const { getExport } = await import('../functions/store/exports.js');
  const started = process.hrtime.bigint();
  let enrolments = 0;
  let items = 0;
  let bytes = 0;
  if (mode === 'raw') {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await enrolmentsForExport(programmeId, cursor);
      enrolments += page.entries.length;
      items += page.itemsRead;
      cursor = page.cursor;
    } while (cursor);
  } else {
    const programme = (await getProgramme(programmeId))!;
    const record = await recordExport(programme, { kind: 'panel', format: 'csv' }, 'bench.runner', programme.municipalities, false);
    await writeExport(record.id);
    const done = (await getExport(record.id))!;
    enrolments = done.progress.done;
    bytes = done.files.reduce((s, f) => s + f.bytes, 0);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ mode, enrolments, items, bytes, seconds, perSecond: enrolments / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** Writes `n` journeys of a new programme through the store layer, 24 to a transaction, four at once. */
async function seed(n: number): Promise<string> {
  const { createProgramme } = await import('../functions/store/programmes.js');
  const { createJourneys, JOURNEYS_PER_TRANSACTION } = await import('../functions/store/journeys.js');
  const { BrugForAlleSettings } = await import('../functions/contract/settings.js');
  const at = new Date().toISOString();
  const programme = { id: randomUUID(), name: `Bench ${n}`, template: 'brug-for-alle' as const, templateVersion: 1, municipalities: ['0183', '0187'], settings: BrugForAlleSettings.parse({}), createdAt: at };
  await createProgramme(programme);
  const { newJourney } = await import('../functions/app/enrolment.js');
  const { parseCpr } = await import('../functions/contract/cpr.js');
  const { benchCpr, benchName } = await import('../test/web/seed-citizens.js');
  const colours = ['green', 'orange', 'blue', null] as const;
  // As enrolment makes them (newJourney), screened into a colour. benchCpr has 16,800 numbers: past them a CPR
  // repeats, so each journey gets a lookup hash of its own (the export reads the hash, never the CPR).
  const journey = async (i: number) => {
    const parsed = parseCpr(benchCpr(i % 16_800));
    if (!parsed.ok) throw new Error('bad bench CPR');
    const made = await newJourney(programme, 'bench.runner', { cpr: parsed.cpr, birthDate: parsed.birthDate, name: benchName(i), municipality: i % 3 === 0 ? '0187' : '0183' }, at);
    const colour = colours[i % colours.length]!;
    const screening = colour === null ? null : { colour, reason: 'Bench', exitReason: null, by: 'bench.runner', at };
    const stage = colour === null ? 'screening' : colour === 'blue' ? 'team-meeting' : 'intake';
    return { journey: { ...made.journey, colour, stage, baseline: screening, screening }, cprHash: randomBytes(32).toString('base64url') };
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < n) {
        const from = next;
        next = Math.min(n, next + JOURNEYS_PER_TRANSACTION);
        await createJourneys(await Promise.all(Array.from({ length: next - from }, (_, k) => journey(from + k))));
      }
    }),
  );
  return programme.id;
}

if (role === 'pass') {
  await pass(args[0]!, args[1]!);
} else {
  const { startDynamoDbLocal, ensureTables } = await import('../local/dynamodb-local.js');
  const { synthesizeTemplate, TemplateModel } = await import('../local/cloud-template.js');
  const dir = mkdtempSync(join(tmpdir(), 'forlob-bench-export-'));
  writeFileSync(join(dir, 'export-key'), randomBytes(48).toString('base64url'));
  const tables = new TemplateModel(synthesizeTemplate()).tables();
  const ddb = await startDynamoDbLocal({});
  try {
    await ensureTables(ddb.endpoint, tables);
    process.env['BENCH_DATA_TABLE'] = tables.find((t) => t.TableName!.startsWith('DataJourneyData'))!.TableName!;
    process.env['BENCH_AUDIT_TABLE'] = tables.find((t) => t.TableName!.startsWith('DataAudit'))!.TableName!;
    const env = environment(ddb.endpoint, dir);
    Object.assign(process.env, env);
    // Seeding enrols as enrolment does (it encrypts and hashes CPR numbers); the passes run without the CPR
    // secret, as the export functions do in the cloud.
    writeFileSync(join(dir, 'cpr-secret'), randomBytes(48).toString('base64url'));
    process.env['CPR_SECRET_ARN'] = pathToFileURL(join(dir, 'cpr-secret')).href;
    const { CPR_SECRET_ARN: _seedingOnly, ...passEnv } = process.env;
    const self = fileURLToPath(import.meta.url);
    const sizes = (role ?? '10000,100000').split(',').map(Number);
    const results: Record<string, unknown>[] = [];
    for (const n of sizes) {
      const seedStarted = Date.now();
      const programmeId = await seed(n);
      console.error(`seeded ${n} journeys in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
      for (const mode of ['raw', 'export']) {
        const out = execFileSync(process.execPath, ['--import', 'tsx', self, 'pass', mode, programmeId], { env: { ...passEnv, ...env }, encoding: 'utf8', maxBuffer: 1 << 20 });
        const line = JSON.parse(out.trim().split('\n').at(-1)!);
        results.push({ n, ...line });
        console.error(JSON.stringify({ n, ...line }));
      }
    }
    console.log('\nenrolments  pass    seconds  enrolments/s  peak RSS (MB)');
    for (const r of results as { n: number; mode: string; seconds: number; perSecond: number; maxRssMb: number }[]) {
      console.log(`${String(r.n).padStart(10)}  ${r.mode.padEnd(6)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.perSecond.toFixed(0).padStart(12)}  ${r.maxRssMb.toFixed(0).padStart(13)}`);
    }
    const of = (n: number, mode: string) => (results as { n: number; mode: string; perSecond: number; maxRssMb: number }[]).find((r) => r.n === n && r.mode === mode)!;
    for (const n of sizes) console.log(`${n}: export throughput / raw Query throughput = ${(of(n, 'export').perSecond / of(n, 'raw').perSecond).toFixed(2)}`);
    if (sizes.length > 1) {
      const [small, large] = [sizes[0]!, sizes.at(-1)!];
      console.log(`peak RSS of the export at ${large} / at ${small} = ${(of(large, 'export').maxRssMb / of(small, 'export').maxRssMb).toFixed(2)}`);
    }
  } finally {
    await ddb.stop();
  }
}
