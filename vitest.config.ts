import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/helpers/globalSetup.ts'],
    // Integration tests start real servers and processes; two cores on CI.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
