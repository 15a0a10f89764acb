import { buildSync } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Builds the caseworker front end from web/src into web/dist: one minified ES module bundle, the
 * stylesheet, index.html and (unless the caller writes its own, as the cloud stack does) a local
 * `config.json`. Synchronous, so that `npm start`, the browser tests and the CDK construct can all call it.
 */
export const WEB_ROOT = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

export interface WebBuild {
  outdir: string;
  /** Bytes of every file written, by name. */
  sizes: Record<string, number>;
}

export interface WebConfig {
  mode: 'local' | 'cognito';
  /** Base URL of the API; empty means the same origin. */
  apiUrl?: string;
  cognitoDomain?: string;
  clientId?: string;
  redirectUri?: string;
}

/**
 * Each file is written beside its place and renamed over it, so a server (or a parallel test's build) never
 * sees a missing or half-written file.
 */
function writeAtomically(file: string, contents: Uint8Array | string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

export function buildWeb(options: { outdir?: string; config?: WebConfig | null } = {}): WebBuild {
  const outdir = options.outdir ?? WEB_DIST;
  mkdirSync(outdir, { recursive: true });
  const result = buildSync({
    entryPoints: [join(WEB_ROOT, 'src', 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir,
    entryNames: 'app',
    // Pages that need a large library load it as a chunk of its own (the dashboard's chart.js).
    splitting: true,
    chunkNames: 'chunk-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { zod: join(WEB_ROOT, 'zod-web.mjs') },
    write: false,
  });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  for (const name of readdirSync(join(WEB_ROOT, 'public'))) writeAtomically(join(outdir, name), readFileSync(join(WEB_ROOT, 'public', name)));
  if (options.config !== null) writeAtomically(join(outdir, 'config.json'), JSON.stringify(options.config ?? { mode: 'local' }));
  const sizes: Record<string, number> = {};
  for (const name of ['app.js', 'app.css', 'index.html', 'config.json']) {
    try {
      sizes[name] = statSync(join(outdir, name)).size;
    } catch {
      /* not written */
    }
  }
  return { outdir, sizes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const { sizes } = buildWeb();
  console.log(`web/dist built in ${Date.now() - started} ms: ${Object.entries(sizes).map(([n, b]) => `${n} ${b} B`).join(', ')}`);
}
