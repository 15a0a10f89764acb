import { build } from 'esbuild';
import { BUNDLE_BANNER } from './infra/constructs/forlob-function.js';
await build({ entryPoints: [process.argv[2]!], outfile: '/tmp/prof/b.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: false, mainFields: ['module', 'main'], banner: { js: BUNDLE_BANNER }, logLevel: 'error' });
