import { defineConfig } from 'vitest/config';

// `*.crash.test.ts` kill `npm start` mid-work and restart it (minutes each): `npm run test:crash`, run by CI.
export default defineConfig({
  test: {
    include: process.env.FORLOB_CRASH_TESTS ? ['test/**/*.crash.test.ts'] : ['test/**/*.test.ts'],
    exclude: process.env.FORLOB_CRASH_TESTS ? [] : ['test/**/*.crash.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
