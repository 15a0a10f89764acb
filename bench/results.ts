import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../infra/constructs/forlob-function.js';

/** One measured figure of a bench part, with its goal (from issue 18) and whether this run held it. */
export interface Figure {
  part: string;
  figure: string;
  /** null for a row that only says something is not measured (and why). */
  value: number | null;
  unit: string;
  /** The goal as written, e.g. "≤ 1.3"; absent for figures that are context only. */
  goal?: string;
  held?: boolean;
}

/** A figure checked against an upper limit. */
export function limited(part: string, figure: string, value: number, unit: string, limit: number): Figure {
  return { part, figure, value, unit, goal: `≤ ${limit}`, held: value <= limit };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : Math.abs(v) >= 100 ? Math.round(v) : Number(v.toPrecision(3)));

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [f.part, f.figure, `${round(f.value)} ${f.unit}`.trim(), f.goal ?? '', f.held === undefined ? '' : f.held ? 'held' : 'NOT held']);
  const header = ['part', 'figure', 'value', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Prints the table and writes it, with any detail, to bench-results/<name>-<time>.json (gitignored). */
export function report(name: string, figures: Figure[], detail: Record<string, unknown> = {}): string {
  console.log(table(figures));
  const dir = join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), figures, detail }, null, 2));
  console.log(`\nwritten to ${file}`);
  return file;
}

export const progress = (step: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${step}\n`);

/** A bench part: measures and returns its figures, and details for the JSON. */
export interface Part {
  name: string;
  run(): Promise<{ figures: Figure[]; detail?: unknown }>;
}

/** Where `npm run bench` (bench/main.ts) asks a part it runs to leave its figures, instead of reporting them. */
export const FIGURES_FILE = 'FORLOB_BENCH_FIGURES_FILE';

/**
 * Runs a part as its own command (`npm run bench:<part>`): prints its table and exits (open sockets would hold
 * the process), non-zero when a goal was not held.
 */
export async function runAlone(part: Part): Promise<void> {
  const { figures, detail } = await part.run();
  const handOver = process.env[FIGURES_FILE];
  if (handOver) writeFileSync(handOver, JSON.stringify({ figures, detail }));
  else report(part.name, figures, { [part.name]: detail });
  process.exit(figures.some((f) => f.held === false) ? 1 : 0);
}
