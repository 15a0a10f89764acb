import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { BUNDLE_BANNER } from './infra/constructs/forlob-function.js';
const entries = process.argv.slice(2);
for (const e of entries) {
  const outfile = `/tmp/exp-${e.replace(/\W/g, '_')}.mjs`;
  await build({ entryPoints: [e], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true, mainFields: ['module', 'main'], banner: { js: BUNDLE_BANNER }, logLevel: 'error' });
  const ts = [];
  for (let i = 0; i < 7; i++) ts.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); await import('${outfile}'); process.stdout.write(String(performance.now()-t))`], { env: { ...process.env, AWS_REGION: 'eu-north-1' } })));
  ts.sort((a, b) => a - b);
  console.log(e, Math.round(ts[3]));
}
