import { expect, test } from '@playwright/test';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { serve, shot, type Served } from './serve';

let served: Served;
test.beforeEach(async () => {
  served = await serve();
});
test.afterEach(async () => {
  await served.stop();
});

test('refuses the console without the token', async ({ page }) => {
  const response = await page.goto(served.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByText('regie serve').first()).toBeVisible();
  await page.screenshot(shot('00-no-token'));
});

test('creates a recorder through the UI, shows field errors, switches language', async ({
  page,
}) => {
  await page.goto(served.url);
  // French locale: French by default; the console opens on the Inbox.
  await expect(page.getByRole('heading', { name: 'À traiter' })).toBeVisible();
  await page.getByRole('link', { name: 'Enregistreurs' }).click();
  await expect(page.getByRole('heading', { name: 'Enregistreurs' })).toBeVisible();
  await expect(page.getByText("Aucun enregistreur pour l'instant")).toBeVisible();
  await page.screenshot(shot('01-recorders-empty-fr'));

  await page.getByRole('button', { name: 'Ajouter un enregistreur' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nom').fill('Amphi A');
  await dialog.getByLabel('Répertoire de publication').fill('amphi-a');
  await dialog.getByLabel('Adresse IP').fill('192.168.1.300');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  // The main side refuses the IP; the error is shown at the field and nothing is written.
  await expect(
    dialog.getByText("« 192.168.1.300 » n'est pas une adresse IPv4 ou IPv6"),
  ).toBeVisible();
  await expect(dialog.getByLabel('Adresse IP')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot(shot('02-recorder-bad-ip'));

  await dialog.getByLabel('Adresse IP').fill('192.168.1.30');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByTestId('recorders-table');
  await expect(table.getByRole('cell', { name: 'Amphi A', exact: true })).toBeVisible();
  // The full drop path, created by Régie, with a copy button.
  const dropPath = join(served.dataDir, 'recorders', 'amphi-a');
  await expect(table.getByTestId('drop-path-amphi-a')).toHaveText(dropPath);
  expect(statSync(dropPath).isDirectory()).toBe(true);
  await expect(
    table.getByRole('button', { name: 'Copier le chemin de dépôt de l’enregistreur Amphi A' }),
  ).toBeVisible();
  await expect(table.getByRole('cell', { name: '192.168.1.30' })).toBeVisible();
  await page.screenshot(shot('03-recorder-listed'));

  // A second recorder on the same folder is refused at the directory field.
  await page.getByRole('button', { name: 'Ajouter un enregistreur' }).click();
  await dialog.getByLabel('Nom').fill('Amphi B');
  await dialog.getByLabel('Répertoire de publication').fill('amphi-a');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    dialog.getByText("« amphi-a » est déjà celui d'un autre enregistreur"),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Annuler' }).click();

  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Recorders' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  await page.screenshot(shot('04-recorders-en'));

  // The journal shows what was done, live.
  await page.getByRole('link', { name: 'Journal' }).click();
  await expect(
    page.getByTestId('journal-table').getByText('Recorder Amphi A added (folder amphi-a)'),
  ).toBeVisible();
  await page.screenshot(shot('05-journal-en'));
});
