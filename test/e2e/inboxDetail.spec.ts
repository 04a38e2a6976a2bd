import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip, prepareInbox, regie, serve, settled, shot, type Served } from './serve';

let served: Served | undefined;
let clips: string;

test.beforeAll(() => {
  clips = mkdtempSync(join(tmpdir(), 'regie-e2e-clips-'));
  makeTestClip(join(clips, 'cours.mp4'), 3, '640x360');
});
test.afterAll(() => rmSync(clips, { recursive: true, force: true }));
test.afterEach(async () => {
  await served?.stop();
  served = undefined;
});

test('a first run says to create a recorder first, with the button to do it', async ({ page }) => {
  served = await serve();
  await page.goto(served.url);
  const empty = page.getByTestId('inbox-empty');
  await expect(empty.getByText('Aucun enregistreur pour l’instant.')).toBeVisible();
  await expect(empty.getByText(/créez d’abord un enregistreur/)).toBeVisible();
  await page.screenshot(shot('inbox-first-run'));
  await empty.getByRole('button', { name: 'Ajouter un enregistreur' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nom').fill('Amphi A');
  await dialog.getByLabel('Répertoire de publication').fill('amphi-a');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(empty.getByText('Aucun fichier déposé pour l’instant.')).toBeVisible();
});

test('an invalid file shows its recorder, the reason in words, and a detail view', async ({
  page,
}) => {
  served = await serve({
    prepare: (dataDir) => prepareInbox(dataDir, { RECORDER_QUIET_SECONDS: '1' }),
  });
  const folder = join(served.dataDir, 'recorders', 'amphi-a');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'cassé.mp4'), Buffer.alloc(4096, 7));
  copyFileSync(join(clips, 'cours.mp4'), join(folder, 'bon.mp4'));
  await page.goto(served.url);

  // The table reads as a table: a header row, then one row per file, each with its cells.
  const table = page.getByRole('table', { name: 'À traiter' });
  await expect(table.getByRole('columnheader', { name: 'Fichier' })).toBeVisible();
  const good = table.getByRole('row').filter({ hasText: 'bon.mp4' });
  await expect(good.getByText('À revendiquer')).toBeVisible({ timeout: 20_000 });
  await expect(good.getByRole('cell', { name: 'Amphi A' })).toBeVisible();

  // Filters hiding every file say so, with a way back.
  await page.getByText('Problèmes', { exact: true }).click();
  const bad = table.getByRole('row').filter({ hasText: 'cassé.mp4' });
  await expect(bad.getByText('Invalide')).toBeVisible({ timeout: 20_000 });
  // The folder says whose file it is, even though it was never routed.
  await expect(bad.getByRole('cell', { name: 'Amphi A' })).toBeVisible();
  // ffprobe reads a .mp4 as MP4: its index is missing. Said in words, without ffprobe's prefix.
  await expect(bad.getByText(/^L'index MP4\/MOV \(atome moov\) est absent/)).toBeVisible();
  await page.screenshot(shot('inbox-invalid-row'));

  await bad.getByText('cassé.mp4', { exact: true }).click();
  const detail = page.getByTestId('file-detail');
  await expect(detail.getByTestId('file-reason')).toHaveText(
    /^L'index MP4\/MOV \(atome moov\) est absent : le fichier est encore en cours de copie/,
  );
  await expect(detail).toContainText('moov atom not found');
  await expect(detail).not.toContainText('@ 0x');
  await expect(detail.getByText(/^4,1\sKo$/)).toBeVisible();
  await expect(detail.getByRole('button', { name: 'Supprimer' })).toBeEnabled();
  await expect(detail.getByRole('button', { name: 'Revendiquer ou attribuer' })).toBeDisabled();
  await settled(page);
  await page.screenshot(shot('inbox-invalid-detail'));
  await page.keyboard.press('Escape');

  await page.getByPlaceholder('Chercher un fichier ou un enregistreur').fill('introuvable');
  const empty = page.getByTestId('inbox-empty');
  await expect(empty.getByText('2 fichiers sont masqués par les filtres.')).toBeVisible();
  await empty.getByRole('button', { name: 'Afficher tous les fichiers' }).click();
  await expect(good).toBeVisible();

  // A valid file's detail: what the probe found and its story.
  await good.getByText('bon.mp4', { exact: true }).click();
  await expect(detail.getByText('h264 640×360')).toBeVisible();
  await expect(detail.getByText('0:03')).toBeVisible();
  await expect(detail.getByTestId('file-history')).toContainText('Nouvel enregistrement');
  await settled(page);
  await page.screenshot(shot('inbox-file-detail'));
});

test('a manager who could not be told is shown on the row and in the detail', async ({ page }) => {
  served = await serve({
    prepare: (dataDir) => {
      regie(
        dataDir,
        'user',
        'add',
        'paul',
        '--first-name',
        'Paul',
        '--last-name',
        'Langevin',
        '--email',
        'paul@example.org',
        '--staff',
      );
      regie(
        dataDir,
        'recorder',
        'add',
        '--name',
        'Amphi M',
        '--directory',
        'amphi-m',
        '--manager',
        'paul',
      );
      // Nothing listens there: the mail to the manager is refused.
      regie(dataDir, 'settings', 'set', 'EMAIL_HOST', '127.0.0.1');
      regie(dataDir, 'settings', 'set', 'EMAIL_PORT', '9');
      regie(dataDir, 'settings', 'set', 'RECORDER_QUIET_SECONDS', '1');
    },
  });
  const folder = join(served.dataDir, 'recorders', 'amphi-m');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(clips, 'cours.mp4'), join(folder, 'cours.mp4'));
  await page.goto(served.url);
  const row = page.getByTestId('inbox-row').filter({ hasText: 'cours.mp4' });
  await expect(row.getByTestId('notify-failed')).toHaveText('Gestionnaire non prévenu', {
    timeout: 20_000,
  });
  await page.screenshot(shot('inbox-notify-failed'));
  await row.getByText('cours.mp4', { exact: true }).click();
  await expect(page.getByTestId('file-notify-failed')).toContainText(
    'Le gestionnaire n’a pas pu être prévenu',
  );
  await settled(page);
  await page.screenshot(shot('inbox-notify-failed-detail'));
});
