import { defineConfig } from 'vitest/config';

/** `npm run bench:web`: the overview's first render at 10,000 citizens, in Chromium. */
export default defineConfig({
  test: { include: ['test/web/overview-bench.ts'], testTimeout: 600_000, hookTimeout: 900_000, pool: 'forks' },
});
