import { buildSync } from 'esbuild';
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

export function buildWeb(options: { outdir?: string; config?: WebConfig | null } = {}): WebBuild {
  const outdir = options.outdir ?? WEB_DIST;
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  buildSync({
    entryPoints: [join(WEB_ROOT, 'src', 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    outfile: join(outdir, 'app.js'),
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { zod: join(WEB_ROOT, 'zod-web.mjs') },
  });
  cpSync(join(WEB_ROOT, 'public'), outdir, { recursive: true });
  if (options.config !== null) writeFileSync(join(outdir, 'config.json'), JSON.stringify(options.config ?? { mode: 'local' }));
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
