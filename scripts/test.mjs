// `npm test`: every step runs even when an earlier one fails (a red unit test must not hide
// the end-to-end suite, issue #9 §0), then one closing line sums the tests and names the failed
// steps. Exit status 1 when anything failed. `npm test -- --only unit,e2e` runs chosen steps.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const steps = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'layers', script: 'check:layers' },
  { name: 'build:electron', script: 'build:electron' },
  { name: 'build', script: 'build' },
  { name: 'unit', script: 'test:unit', report: 'test-results/vitest.json' },
  // The end-to-end tests drive the built console: without a build they cannot run.
  { name: 'e2e', script: 'test:e2e', report: 'test-results/playwright.json', needs: ['build'] },
];

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
const failed = [];
for (const step of steps) {
  if (only && !only.has(step.name)) continue;
  if (step.report) rmSync(step.report, { force: true });
  const missing = (step.needs ?? []).filter((need) => failed.includes(need));
  if (missing.length > 0) {
    console.error(`\ntest: ${step.name} not run, because ${missing.join(', ')} failed`);
    failed.push(step.name);
    continue;
  }
  console.log(`\ntest: ${step.name} (npm run ${step.script})`);
  const result = spawnSync('npm', ['run', '--silent', step.script], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) failed.push(step.name);
}

const summary = spawnSync(process.execPath, ['scripts/test-summary.mjs'], { stdio: 'inherit' });
if (failed.length > 0) console.error(`test: failed steps: ${failed.join(', ')}`);
process.exit(failed.length > 0 || summary.status !== 0 ? 1 : 0);
