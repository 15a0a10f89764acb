/**
 * P3, cold start: every Lambda bundle, built as CDK builds it (infra/constructs/forlob-function.ts: ESM,
 * node22, minified, SDK bundled), against the floor of this design — a bundle holding only the Powertools
 * logger, the DynamoDB document client and zod. Size, and cold module load: the median of 9 fresh `node`
 * processes importing the bundle, interleaved across bundles so the shared machine's noise falls on all alike.
 * Goal: API and workflow-task bundles ≤ 1.3× the floor in both; the export functions (no user waits on them)
 * ≤ 3 MB. Also lists each bundle's largest packages (esbuild's metafile), the place to look when one grows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { synthesizeTemplate, TemplateModel } from '../local/cloud-template.js';
import { BUNDLE_BANNER, REPO_ROOT } from '../infra/constructs/forlob-function.js';
import { type Figure, limited, median, type Part, progress, runAlone } from './results.js';

const RUNS = 9;
const FLOOR = 'floor (logger + DynamoDB document client + zod)';

const FLOOR_SOURCE = `
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
const logger = new Logger({ serviceName: 'floor' });
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const schema = z.object({ id: z.string() });
export const handler = async (event) => { logger.info('event'); return { schema: schema.parse(event), dynamo: typeof dynamo.send }; };
`;

/** The package a bundled input belongs to (`@aws-sdk/client-sfn`), or `(own code)`. */
function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return '(own code)';
  const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
  return first!.startsWith('@') ? `${first}/${second}` : first!;
}

function largestPackages(metafile: Metafile, top = 6): Record<string, number> {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) bytes.set(packageOf(input), (bytes.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries([...bytes].sort((a, b) => b[1] - a[1]).slice(0, top));
}

/** `entry` is a module of the repository, or the floor's source. */
async function bundle(entry: { path: string } | { source: string }, outdir: string, name: string) {
  const outfile = join(outdir, `${name}.mjs`);
  const result = await build({
    ...('path' in entry ? { entryPoints: [entry.path] } : { stdin: { contents: entry.source, resolveDir: REPO_ROOT, sourcefile: 'floor.mjs' } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: BUNDLE_BANNER },
    metafile: true,
    logLevel: 'error',
  });
  return { outfile, bytes: statSync(outfile).size, largest: largestPackages(result.metafile) };
}

/** Milliseconds a fresh node process takes to import the module (the process's own start excluded). */
function loadMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, AWS_REGION: 'eu-north-1', NODE_OPTIONS: '' } }));
}

export const bundles: Part = {
  name: 'bundles',
  async run() {
    const outdir = mkdtempSync(join(tmpdir(), 'forlob-bundles-'));
    const entries = [...new Set(new TemplateModel(synthesizeTemplate()).functions().map((f) => f.entry))].sort();
    progress(`bundling ${entries.length} functions and the floor`);
    const built = [{ name: FLOOR, ...(await bundle({ source: FLOOR_SOURCE }, outdir, 'floor')) }];
    for (const entry of entries) built.push({ name: entry, ...(await bundle({ path: join(REPO_ROOT, entry) }, outdir, entry.replace(/\W/g, '_'))) });
    progress(`loading each bundle in ${RUNS} fresh node processes`);
    const loads = new Map<string, number[]>(built.map((b) => [b.name, []]));
    for (let run = 0; run < RUNS; run++) for (const b of built) loads.get(b.name)!.push(loadMs(b.outfile));
    const floor = built[0]!;
    const floorMs = median(loads.get(FLOOR)!);
    const figures: Figure[] = [
      { part: 'P3', figure: `${FLOOR}: size`, value: floor.bytes / 1000, unit: 'kB' },
      { part: 'P3', figure: `${FLOOR}: cold load`, value: floorMs, unit: 'ms' },
    ];
    const detail: Record<string, unknown> = {};
    for (const b of built.slice(1)) {
      const ms = median(loads.get(b.name)!);
      detail[b.name] = { bytes: b.bytes, loadMs: ms, loadRunsMs: loads.get(b.name), largestPackagesBytes: b.largest };
      if (b.name.startsWith('functions/api/exports') || b.name.includes('export-tasks')) {
        figures.push(limited('P3', `${b.name}: size`, b.bytes / 1e6, 'MB', 3));
        continue;
      }
      figures.push(limited('P3', `${b.name}: size ÷ floor`, b.bytes / floor.bytes, '×', 1.3));
      figures.push(limited('P3', `${b.name}: cold load ÷ floor`, ms / floorMs, '×', 1.3));
    }
    detail[FLOOR] = { bytes: floor.bytes, loadMs: floorMs, largestPackagesBytes: floor.largest };
    return { figures, detail };
  },
};

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(bundles);
