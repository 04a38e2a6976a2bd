import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { regie, serve, shot, type Served } from './serve';

// The same token across the restart, so the page's session cookie stays valid.
const token = randomBytes(32).toString('base64url');
let served: Served;
test.afterEach(async () => {
  await served.stop();
});

test('after regie serve restarts, the console shows what changed while it was away', async ({
  page,
}) => {
  served = await serve({ env: { REGIE_TOKEN: token } });
  const { dataDir } = served;
  const port = Number(new URL(served.url).port);
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Enregistreurs' }).click();
  await expect(page.getByText("Aucun enregistreur pour l'instant")).toBeVisible();

  await served.stop({ keepData: true });
  await expect(page.getByText('Connexion à Régie perdue')).toBeVisible();
  // Created while the console is disconnected: no push can tell the page about it.
  regie(dataDir, 'recorder', 'add', '--name', 'Amphi B', '--directory', 'amphi-b');
  await page.screenshot(shot('reconnect-01-disconnected'));

  served = await serve({ env: { REGIE_TOKEN: token }, again: { dataDir, port } });
  await expect(page.getByText('Connexion à Régie perdue')).toBeHidden({ timeout: 15_000 });
  const table = page.getByTestId('recorders-table');
  await expect(table.getByRole('cell', { name: 'Amphi B', exact: true })).toBeVisible();
  await expect(page.getByText("Aucun enregistreur pour l'instant")).toBeHidden();
  await page.screenshot(shot('reconnect-02-reloaded'));
  // The Inbox no longer says to create a recorder first.
  await page.getByRole('link', { name: 'À traiter' }).click();
  await expect(page.getByTestId('inbox-empty')).toContainText('Aucun fichier déposé');
});
