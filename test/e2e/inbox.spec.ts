import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip, prepareInbox, serve, shot, type Served } from './serve';

let served: Served;
let clips: string;

test.beforeAll(() => {
  clips = mkdtempSync(join(tmpdir(), 'regie-e2e-clips-'));
  // A real 3-second lecture clip: H.264 + AAC, like a recorder's MP4.
  makeTestClip(join(clips, 'cours.mp4'), 3, '640x360');
});
test.afterAll(() => rmSync(clips, { recursive: true, force: true }));

test.beforeEach(async () => {
  served = await serve({
    prepare: (dataDir) =>
      prepareInbox(dataDir, { USE_RECORD_PREVIEW: 'true', RECORDER_QUIET_SECONDS: '2' }),
  });
});
test.afterEach(async () => {
  await served.stop();
});

test('a file dropped in a recorder folder appears live, previews, and is claimed', async ({
  page,
}) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'À traiter' })).toBeVisible();
  await expect(page.getByText('Aucun fichier déposé pour l’instant.')).toBeVisible();

  // The recorder "uploads": written under a temporary name, then renamed, like an FTP client.
  const folder = join(served.dataDir, 'recorders', 'amphi-a');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(clips, 'cours.mp4'), join(folder, 'cours.mp4.part'));
  renameSync(join(folder, 'cours.mp4.part'), join(folder, 'Cours du lundi.MP4'));

  const row = page.getByTestId('inbox-row').filter({ hasText: 'Cours du lundi.MP4' });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText('À revendiquer')).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText('640×360')).toBeVisible();
  await expect(row.getByText('0:03')).toBeVisible();
  await page.screenshot(shot('20-inbox-new-file'));

  await row.getByRole('button', { name: 'Prévisualiser Cours du lundi.MP4' }).click();
  const player = page.getByTestId('preview-player');
  await expect(player).toBeVisible();
  await player.evaluate(async (video: HTMLVideoElement) => {
    video.muted = true;
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 800));
  });
  expect(await player.evaluate((video: HTMLVideoElement) => video.currentTime)).toBeGreaterThan(
    0.3,
  );
  await page.screenshot(shot('21-inbox-preview'));
  await page.keyboard.press('Escape');

  await row.getByRole('button', { name: 'Revendiquer Cours du lundi.MP4' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel(/^Titre/)).toHaveValue(/^Amphi A \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await dialog.getByLabel(/^Titre/).fill('Thermodynamique, cours 1');
  await dialog.getByLabel('Propriétaire').click();
  await page.getByRole('option', { name: /marie\.curie/ }).click();
  await page.screenshot(shot('22-inbox-claim-form'));
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();

  // Claimed: it leaves the waiting list and is queued for encoding.
  await expect(row).toBeHidden();
  await page.getByText('Traités', { exact: true }).click();
  // Claimed: queued for encoding, then encoded and published (the queue runs with the console).
  await expect(
    page
      .getByTestId('inbox-row')
      .filter({ hasText: 'Cours du lundi.MP4' })
      .getByText(/^(En attente|Encodage|Publié)$/),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Enregistrements' }).click();
  const recordings = page.getByTestId('recordings-table');
  await expect(recordings.getByText('Thermodynamique, cours 1')).toBeVisible();
  await expect(recordings.getByText('marie.curie')).toBeVisible();
  await page.screenshot(shot('23-recordings'));
});

test('a folder no recorder uses is reported once, with a one-click recorder', async ({ page }) => {
  await page.goto(served.url);
  const folder = join(served.dataDir, 'recorders', 'salle-204');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(clips, 'cours.mp4'), join(folder, 'x.mp4'));
  const alert = page.getByTestId('unknown-folders');
  await expect(alert.getByText('salle-204 (1 fichier)')).toBeVisible({ timeout: 20_000 });
  await page.screenshot(shot('24-inbox-unknown-folder'));
  await alert.getByRole('button', { name: 'Créer un enregistreur pour ce dossier' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Répertoire de publication')).toHaveValue('salle-204');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(alert).toBeHidden();
  // The waiting file now belongs to the new recorder.
  const row = page.getByTestId('inbox-row').filter({ hasText: 'x.mp4' });
  await expect(row.getByText('salle-204')).toHaveCount(2);
});

test('adds a recording by hand from a file in a recorder folder', async ({ page }) => {
  const folder = join(served.dataDir, 'recorders', 'amphi-a', '2026');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(clips, 'cours.mp4'), join(folder, 'rattrapage.mp4'));
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Enregistrements' }).click();
  await page.getByRole('button', { name: 'Ajouter un enregistrement' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Enregistreur/).click();
  await page.getByRole('option', { name: 'Amphi A (amphi-a)' }).click();
  await dialog.getByLabel(/^Fichier/).fill('../../etc/passwd');
  await dialog.getByLabel(/^Titre/).fill('Rattrapage');
  await dialog.getByLabel('Propriétaire').click();
  await page.getByRole('option', { name: 'marie.curie' }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    dialog.getByText('un chemin dans le dossier de l’enregistreur, sans ..'),
  ).toBeVisible();
  await dialog.getByLabel(/^Fichier/).fill('2026/rattrapage.mp4');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByTestId('recordings-table').getByText('Rattrapage', { exact: true }),
  ).toBeVisible();
});
