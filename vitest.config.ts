import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/helpers/globalSetup.ts'],
    // Integration tests start real servers and processes; two cores on CI.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report feeds the one-line total printed by scripts/test-summary.mjs.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
