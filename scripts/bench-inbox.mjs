/* global document, requestAnimationFrame, HTMLInputElement -- page.evaluate bodies run in Chromium */
// Issue #3 numbers for the Inbox with 10,000 files, in Debian's Chromium against `regie serve`:
// first render, filtering, scrolling. Medians of several runs; the machine is shared, so
// compare with care. Run: npm run build && node scripts/bench-inbox.mjs
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium-flags.mjs';

const count = Number(process.env.INBOX_FILES ?? 10_000);
const runs = Number(process.env.RUNS ?? 5);
const dataDir = mkdtempSync(join(tmpdir(), 'regie-bench-inbox-'));
const regie = (...args) =>
  execFileSync(process.execPath, ['bin/regie.js', ...args, '--data', dataDir]);

for (let r = 0; r < 20; r++)
  regie('recorder', 'add', '--name', `Salle ${r}`, '--directory', `salle-${r}`);
const db = new Database(join(dataDir, 'regie.db'));
// Origin sftp:0 (no such source runs): the local rescan leaves these rows alone.
const insert =
  db.prepare(`INSERT INTO recorder_files (origin, rel_path, local_path, folder, recorder_id, size, mtime_ms, status, media_json, first_seen_at, changed_at, detected_at, updated_at)
  VALUES ('sftp:0', ?, ?, ?, ?, ?, 0, 'unclaimed', ?, ?, ?, ?, ?)`);
db.transaction(() => {
  for (let n = 0; n < count; n++) {
    const folder = `salle-${n % 20}`;
    const at = new Date(Date.UTC(2026, 9, 1) + n * 60_000).toISOString();
    const media = JSON.stringify({
      durationS: 600 + (n % 3000),
      width: 1280,
      height: 720,
      videoCodec: 'h264',
      audioCodec: 'aac',
    });
    insert.run(
      `${folder}/cours-${n}.mp4`,
      `/nowhere/${folder}/cours-${n}.mp4`,
      folder,
      (n % 20) + 1,
      1e6 + n,
      media,
      at,
      at,
      at,
      at,
    );
  }
})();
db.close();

const server = spawn(
  process.execPath,
  ['bin/regie.js', 'serve', '--port', '0', '--no-open', '--json', '--data', dataDir],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const { url } = JSON.parse(
  await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve)),
);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { load: [], render: [], filter: [], clear: [], frameMedian: [], frameWorst: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, locale: 'fr-FR' });
  for (let run = 0; run < runs; run++) {
    await page.goto(url);
    await page.getByTestId('inbox-row').first().waitFor();
    // From navigation start: the bundle, the WebSocket, 10,000 files over it, and the first render.
    results.load.push(await page.evaluate(() => performance.now()));

    // Render alone: the data is in the store; leave the Inbox and come back.
    await page.getByRole('link', { name: 'Journal' }).click();
    await page.getByTestId('inbox-row').first().waitFor({ state: 'detached' });
    results.render.push(
      await page.evaluate(async () => {
        const start = performance.now();
        document.querySelector('a[href="#/inbox"]').click();
        while (!document.querySelector('[data-testid="inbox-row"]'))
          await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - start;
      }),
    );

    // Filtering: from the keystroke to the list showing the one match, measured in the page.
    const search = page.getByPlaceholder('Chercher un fichier ou un enregistreur');
    await search.click();
    const timeTo = (text, expected) =>
      page.evaluate(
        async ({ text, expected }) => {
          const input = document.querySelector(
            'input[placeholder="Chercher un fichier ou un enregistreur"]',
          );
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          const start = performance.now();
          setter.call(input, text);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const done = () => {
            const rows = document.querySelectorAll('[data-testid="inbox-row"]');
            return expected === 1 ? rows.length === 1 : rows.length > 1;
          };
          while (!done()) await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - start;
        },
        { text, expected },
      );
    results.filter.push(await timeTo(`cours-${count - 7}.mp4`, 1));
    results.clear.push(await timeTo('', 'many'));

    // Scrolling the whole list: frame intervals while scrolling 40 screens.
    const frames = await page.evaluate(async () => {
      const list = document.querySelector('[data-testid="inbox-list"]');
      const gaps = [];
      let last = performance.now();
      for (let step = 0; step < 40; step++) {
        list.scrollTop += list.clientHeight;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      return gaps;
    });
    results.frameMedian.push(median(frames));
    results.frameWorst.push(Math.max(...frames));
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
const fmt = (values) =>
  `median ${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`;
console.log(
  `Inbox with ${count} files, ${runs} runs, ${process.env.CI ? 'CI' : 'dev'} machine (2 cores, shared):`,
);
console.log(`  navigation → first rows (bundle + WebSocket + list + render): ${fmt(results.load)}`);
console.log(`  render of the Inbox with the data loaded:                  ${fmt(results.render)}`);
console.log(`  filter to one file:                                        ${fmt(results.filter)}`);
console.log(
  `  clear the filter (back to ${count}):                          ${fmt(results.clear)}`,
);
console.log(
  `  scrolling, frame interval:                                 ${fmt(results.frameMedian)}; worst frames ${fmt(results.frameWorst)}`,
);
