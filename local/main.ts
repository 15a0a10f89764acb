import { bootstrap } from './seed.js';
import { startRuntime } from './runtime.js';

/** `npm start`: the whole system on this machine. PORT (3000), HOST (127.0.0.1), LOCAL_TOKENS, DATA_DIR (.data), SEED_DEMO (1). */
const started = Date.now();
const runtime = await startRuntime({
  dataDir: process.env.DATA_DIR ?? '.data',
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST || undefined,
  localTokens: process.env.LOCAL_TOKENS === '1',
}).catch((error: Error) => {
  // Say what is wrong and what to do, without a stack trace (README: "What it needs").
  console.error(`Forløb could not start: ${error.message}`);
  if (error.message.includes('Java')) console.error('Install Java 17 or newer, e.g. `sudo apt-get install openjdk-17-jre-headless`.');
  process.exit(1);
});
await bootstrap(runtime, { demo: process.env.SEED_DEMO !== '0' });
console.log(
  JSON.stringify({
    level: 'INFO',
    message: `Forløb kører på ${runtime.url} (startet på ${((Date.now() - started) / 1000).toFixed(1)} s; data i ${runtime.dataDir})`,
  }),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void runtime.stop().then(() => process.exit(0));
  });
}
