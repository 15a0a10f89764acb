/**
 * `npm run bench`: every part of issue 18's figures, each on its own fresh local system in its own process
 * (`npm run bench:<part>` runs one alone), then one table — figure, value, goal, held or not — printed and
 * written to bench-results/bench-<time>.json (gitignored). Not part of `npm test`: it takes many minutes.
 * `npm run bench -- overview cost` runs only the parts named.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Figure, FIGURES_FILE, progress, report } from './results.js';

/** The parts in the order they run: the quick and quiet first, the load last. */
const PARTS = ['bundles', 'overview', 'api-overhead', 'cost', 'faults', 'load', 'scale'];

const asked = process.argv.slice(2).filter((a) => PARTS.includes(a));
const figures: Figure[] = [];
const detail: Record<string, unknown> = {};
const dir = mkdtempSync(join(tmpdir(), 'forlob-bench-'));
for (const part of asked.length ? asked : PARTS) {
  progress(`part ${part}`);
  const file = join(dir, `${part}.json`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [...process.execArgv, join(import.meta.dirname, `${part}.ts`)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, [FIGURES_FILE]: file },
  });
  try {
    const out = JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[]; detail: unknown };
    figures.push(...out.figures);
    detail[part] = out.detail;
  } catch {
    figures.push({ part, figure: `${part}: did not finish (exit ${run.status})`, value: null, unit: '', goal: 'finishes', held: false });
  }
  detail[`${part}Seconds`] = Math.round((Date.now() - started) / 1000);
}
report('bench', figures, detail);
process.exit(figures.some((f) => f.held === false) ? 1 : 0);
