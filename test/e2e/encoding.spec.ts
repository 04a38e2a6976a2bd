import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip, prepareInbox, serve, settled, shot, type Served } from './serve';

let served: Served;
let clips: string;

const clip = (name: string, seconds: number, size: string) =>
  makeTestClip(join(clips, name), seconds, size);

test.beforeAll(() => {
  clips = mkdtempSync(join(tmpdir(), 'regie-e2e-enc-'));
  clip('court.mp4', 12, '1280x720');
  clip('long.mp4', 120, '1920x1080');
});
test.afterAll(() => rmSync(clips, { recursive: true, force: true }));

const start = (preset: string) =>
  serve({
    prepare: (dataDir) =>
      prepareInbox(dataDir, { RECORDER_QUIET_SECONDS: '1', FFMPEG_PRESET: preset }),
  });
test.afterEach(async () => {
  await served.stop();
});

const claim = async (page: import('@playwright/test').Page, name: string, title: string) => {
  const folder = join(served.dataDir, 'recorders', 'amphi-a');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(clips, name), join(folder, name));
  await page.goto(served.url);
  const row = page.getByTestId('inbox-row').filter({ hasText: name });
  await expect(row.getByText('À revendiquer')).toBeVisible({ timeout: 20_000 });
  await row.getByRole('button', { name: `Revendiquer ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Titre/).fill(title);
  await dialog.getByLabel('Propriétaire').click();
  await page.getByRole('option', { name: /marie\.curie/ }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
};

test('a claimed recording is encoded and plays in the Library through hls.js', async ({ page }) => {
  served = await start('ultrafast');
  await claim(page, 'court.mp4', 'Cours court');
  await page.getByRole('link', { name: 'Encodages' }).click();
  const job = page.getByTestId('job-row').first();
  await expect(job.getByText('Terminé', { exact: true })).toBeVisible({ timeout: 60_000 });
  // Labelled by the recording's title, the job id small; how long it took, when it ended.
  await expect(job.getByText('Cours court', { exact: true })).toBeVisible();
  await expect(job.getByText(/^#\d+ · recording:\d+$/)).toBeVisible();
  await expect(job.getByTestId('job-outcome')).toContainText(/a duré \d+:\d{2} · terminé le \S+/);
  await job.getByRole('button', { name: /^Détails/ }).click();
  await expect(page.getByTestId('job-commands')).toContainText('ffmpeg');
  await settled(page);
  await page.screenshot(shot('30-encodings-done'));
  await page.keyboard.press('Escape');

  // The finished job links to its video in the Library.
  await job.getByRole('link', { name: 'Ouvrir la vidéo dans la bibliothèque' }).click();
  await expect(page.getByRole('dialog', { name: 'Cours court' })).toBeVisible();
  await expect(page.getByTestId('library-player')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Vidéothèque' }).click();
  await page.getByRole('button', { name: 'Cours court' }).click();
  const player = page.getByTestId('library-player');
  await expect(page.getByTestId('renditions')).toContainText('livestream.m3u8');
  await player.evaluate(async (video: HTMLVideoElement) => {
    video.muted = true;
    for (let i = 0; i < 50 && video.readyState < 2; i++)
      await new Promise((r) => setTimeout(r, 100));
    await video.play();
    await new Promise((r) => setTimeout(r, 1500));
  });
  const state = await player.evaluate((video: HTMLVideoElement) => ({
    time: video.currentTime,
    frames: video.getVideoPlaybackQuality().totalVideoFrames,
    // hls.js plays through Media Source Extensions: the source is a blob: URL.
    src: video.currentSrc,
  }));
  expect(state.time).toBeGreaterThan(0.5);
  expect(state.frames).toBeGreaterThan(0);
  expect(state.src.startsWith('blob:')).toBe(true);
  await page.screenshot(shot('31-library-player'));
  await page.keyboard.press('Escape');

  // The list view, kept for the next visit.
  await page.getByText('Liste', { exact: true }).click();
  const list = page.getByTestId('library-list');
  await expect(list.getByRole('row').filter({ hasText: 'Cours court' })).toContainText(
    'marie.curie',
  );
  await expect(list).toContainText('360p · 720p');
  await page.screenshot(shot('34-library-list'));
  await page.getByRole('textbox', { name: 'Chercher un titre ou un propriétaire' }).fill('absent');
  await expect(page.getByText('Aucune vidéo ne correspond.')).toBeVisible();
});

test('the Encodings panel shows progress and cancel stops the encode and leaves no file', async ({
  page,
}) => {
  served = await start('slow');
  await claim(page, 'long.mp4', 'Cours long');
  await page.getByRole('link', { name: 'Encodages' }).click();
  const job = page.getByTestId('job-row').first();
  await expect(job.getByText('En cours')).toBeVisible({ timeout: 30_000 });
  await expect(job.getByText(/Encodage · \d+\s%/)).toBeVisible({ timeout: 30_000 });
  await expect(job.getByText('Cours long', { exact: true })).toBeVisible();
  // The ETA, from the probed duration (issue #9 §5).
  await expect(job.getByText(/reste \d+:\d{2}/)).toBeVisible({ timeout: 30_000 });
  await page.screenshot(shot('32-encodings-progress'));
  await job.getByRole('button', { name: /^Annuler/ }).click();
  await expect(job.getByText('Annulé')).toBeVisible({ timeout: 20_000 });
  expect(readdirSync(join(served.dataDir, 'library'))).toEqual([]);
  await page.screenshot(shot('33-encodings-cancelled'));
});
