import { defineConfig } from 'vitest/config';

/*
 * Tiers by folder, so a new test file needs no change here:
 * - unit: domain and pure code, no emulator (test/functions, test/workflows, and the pure files below);
 * - infra: the CDK synth of the cloud stack with cdk-nag (test/infra): no emulator, but ~15 s of CDK alone;
 * - system: HTTP against the whole local system, DynamoDB Local and the local runtime (test/local);
 * - browser: the front end in Chromium against the local system (test/web).
 * `npm test` runs them all in one run; `npm run test:<tier>` one of them.
 * `*.crash.test.ts` kill `npm start` mid-work and restart it (minutes each): `npm run test:crash`, run by CI.
 */

/** Files in the system and browser folders that start no emulator and no browser: they test pure code. */
const PURE = ['test/local/clock.test.ts', 'test/local/scheduler.test.ts', 'test/local/step-functions.test.ts', 'test/web/format.test.ts'];
const CRASH = 'test/**/*.crash.test.ts';
/** Unit tests of handlers against a mocked store (vi.mock replaces modules: they cannot share them). */
const MOCKING = 'test/functions/api/**/*.test.ts';

/** The cloud template, synthesised once for the run, for the tiers that read it (test/support/global-setup.ts). */
const SYNTHESIZED = ['test/support/global-setup.ts'];

const tier = (name: string, include: string[], options: { exclude?: string[]; globalSetup?: string[]; isolate?: boolean } = {}) => ({
  extends: true as const,
  test: { name, include, exclude: ['**/node_modules/**', CRASH, ...(options.exclude ?? [])], globalSetup: options.globalSetup ?? [], isolate: options.isolate ?? true },
});

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // System and browser files mostly wait on DynamoDB Local, HTTP and Chromium: two at a time on two cores
    // halves the suite's time (vitest would run one file at a time here by default).
    maxWorkers: 2,
    ...(process.env.FORLOB_CRASH_TESTS
      ? { include: [CRASH], globalSetup: SYNTHESIZED }
      : {
          projects: [
            // Pure files share their worker's modules (no fresh import of zod, the templates and the SDK per
            // file); the handler tests mock modules, so they get modules of their own (`npm run test:unit` runs both).
            tier('unit', ['test/functions/**/*.test.ts', 'test/workflows/**/*.test.ts', ...PURE], { exclude: [MOCKING], globalSetup: SYNTHESIZED, isolate: false }),
            tier('unit-mocked', [MOCKING]),
            tier('infra', ['test/infra/**/*.test.ts']),
            tier('system', ['test/local/**/*.test.ts'], { exclude: PURE, globalSetup: SYNTHESIZED }),
            tier('browser', ['test/web/**/*.test.ts'], { exclude: PURE, globalSetup: SYNTHESIZED }),
          ],
        }),
  },
});
