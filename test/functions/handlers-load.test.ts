import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/*
 * Each Lambda handler module loads on its own, as in a cold Lambda. A cycle of imports can leave a schema
 * uninitialised when the cycle is entered from one handler and not another ("Cannot access X before
 * initialization"); the unit tier shares one module graph and cannot see it, so each module loads in a fresh
 * process here.
 */
const run = promisify(execFile);
const handlers = ['functions/api', 'functions/workflow'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`));

describe('handler modules', () => {
  it('load each in a fresh process', async () => {
    const failures: string[] = [];
    for (let i = 0; i < handlers.length; i += 4) {
      await Promise.all(
        handlers.slice(i, i + 4).map(async (handler) => {
          const { stdout } = await run('node', ['--import', 'tsx', '-e', `import('./${handler}').then(() => console.log('loaded'), (e) => console.log('failed: ' + e.message))`]);
          if (!stdout.includes('loaded')) failures.push(`${handler}: ${stdout.trim()}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(handlers.length).toBeGreaterThan(10);
  }, 120_000);
});
