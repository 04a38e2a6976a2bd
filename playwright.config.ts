import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium-flags.mjs';

/**
 * End-to-end tests drive Debian's Chromium (no browser download), against `regie serve` started
 * by each test on a temporary data directory. Flags: ../shared/recipes/test-servers.md §7 — the
 * host-resolver rule keeps Chromium from looking up Google's hosts.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 820 },
    locale: 'fr-FR',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    screenshot: 'only-on-failure',
    trace: 'off',
    actionTimeout: 10_000,
  },
});
