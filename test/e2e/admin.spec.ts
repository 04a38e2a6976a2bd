import { expect, test } from '@playwright/test';
import { regie, serve, shot, type Served } from './serve';

let served: Served;
test.beforeEach(async () => {
  served = await serve();
});
test.afterEach(async () => {
  await served.stop();
});

test('adds a user, makes them a recorder manager, acts as them, and sees the rules apply', async ({
  page,
}) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Utilisateurs' }).click();
  await page.getByRole('button', { name: 'Ajouter un utilisateur' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Identifiant').fill('marie.curie');
  await dialog.getByLabel('Prénom').fill('Marie');
  await dialog.getByLabel('Nom', { exact: true }).fill('Curie');
  await dialog.getByLabel('Courriel').fill('pas-une-adresse');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    dialog.getByText("« pas-une-adresse » n'est pas une adresse de courriel"),
  ).toBeVisible();
  await dialog.getByLabel('Courriel').fill('marie.curie@univ.fr');
  await dialog.getByLabel('Personnel').check();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'marie.curie@univ.fr' })).toBeVisible();
  await page.screenshot(shot('10-users'));

  // Marie is staff, so she can manage a recorder.
  await page.getByRole('link', { name: 'Enregistreurs' }).click();
  await page.getByRole('button', { name: 'Ajouter un enregistreur' }).click();
  await dialog.getByLabel(/^Nom/).fill('Salle 101');
  await dialog.getByLabel('Répertoire de publication').fill('salle-101');
  await dialog.getByLabel('Gestionnaire', { exact: true }).click();
  await page.getByRole('option', { name: /marie\.curie/ }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Gestionnaire · marie.curie')).toBeVisible();

  // Acting as Marie (not a superuser): administration is read-only.
  await page.getByRole('link', { name: 'Utilisateurs' }).click();
  await page.getByRole('button', { name: 'Agir en tant que marie.curie' }).click();
  await expect(page.getByTestId('operator')).toContainText('marie.curie');
  await page.getByRole('link', { name: 'Enregistreurs' }).click();
  await expect(page.getByRole('button', { name: 'Ajouter un enregistreur' })).toBeDisabled();
  await expect(page.getByText('Seul un super-utilisateur peut modifier ceci.')).toBeVisible();
  await page.screenshot(shot('11-recorders-as-marie'));
});

test('changes a setting, shows a wrong value at the field, and has a dark theme', async ({
  page,
}) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const claiming = page.getByRole('switch', { name: 'ALLOW_MANUAL_RECORDING_CLAIMING' });
  await expect(claiming).not.toBeChecked();
  await claiming.click({ force: true });
  await expect(claiming).toBeChecked();

  const port = page.getByRole('textbox', { name: 'EMAIL_PORT' });
  await port.fill('');
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('EMAIL_PORT attend un nombre entier')).toBeVisible();
  await port.fill('587');
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('EMAIL_PORT : Enregistré')).toBeVisible();

  await page.getByRole('button', { name: 'Basculer clair/sombre' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.screenshot(shot('12-settings-dark'));

  // Areas not built yet say so.
  await page.getByRole('link', { name: 'Directs' }).click();
  await expect(page.getByText('Pas encore disponible')).toBeVisible();
  await page.screenshot(shot('13-coming-soon-dark'));

  // The journal recorded both changes, by the local administrator.
  await page.getByRole('link', { name: 'Journal' }).click();
  await expect(page.getByText('Paramètre EMAIL_PORT = 587')).toBeVisible();
  await expect(page.getByText('Paramètre ALLOW_MANUAL_RECORDING_CLAIMING = true')).toBeVisible();
});

test('edits the renditions (VIDEO_RENDITIONS) as a table, with the row at fault named', async ({
  page,
}) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const table = page.getByRole('table', { name: 'VIDEO_RENDITIONS' });
  await expect(table.getByRole('textbox', { name: 'resolution 3' })).toHaveValue('1920x1080');
  await table.getByRole('textbox', { name: 'maxrate 2' }).fill('vite');
  const editor = page.getByTestId('renditions-editor');
  const save = editor.getByRole('button', { name: 'Enregistrer' });
  await save.click();
  await expect(page.getByText(/rendu 2 : maxrate "vite" n'est pas un débit/)).toBeVisible();
  await table.getByRole('textbox', { name: 'maxrate 2' }).fill('2500k');
  await editor.getByRole('button', { name: 'Ajouter un rendu' }).click();
  await table.getByRole('textbox', { name: 'resolution 4' }).fill('854x480');
  await table.getByRole('textbox', { name: 'maxrate 4' }).fill('1500k');
  await table.getByRole('textbox', { name: 'minrate 4' }).fill('500k');
  await table.getByRole('textbox', { name: 'video_bitrate 4' }).fill('1000k');
  await save.click();
  await expect(page.getByText('VIDEO_RENDITIONS : Enregistré')).toBeVisible();
  // Saved sorted by height, as Pod reads them: 480p is now the second row.
  await expect(table.getByRole('textbox', { name: 'resolution 2' })).toHaveValue('854x480');
  await table.scrollIntoViewIfNeeded();
  await page.screenshot(shot('16-settings-renditions'));
  expect(regie(served.dataDir, 'settings', 'get', 'VIDEO_RENDITIONS')).toContain('2500k');
});

test('adds an SFTP drop folder, with field errors first', async ({ page }) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Enregistreurs' }).click();
  await page.getByRole('button', { name: 'Ajouter un dossier SFTP' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Nom/).fill('Serveur FTP Pod');
  await dialog.getByLabel(/^Serveur/).fill('pas un hôte!');
  await dialog.getByLabel(/^Utilisateur/).fill('pod');
  await dialog.getByLabel(/^Dossier distant/).fill('relatif');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    dialog.getByText("« pas un hôte! » n'est ni un nom d'hôte ni une adresse IP"),
  ).toBeVisible();
  await expect(dialog.getByText('un chemin absolu sur le serveur')).toBeVisible();
  await page.screenshot(shot('14-sftp-errors'));

  // Loopback only: a closed port on 127.0.0.1 stands for an unreachable server.
  await dialog.getByLabel(/^Serveur/).fill('127.0.0.1');
  await dialog.getByLabel(/^Port/).fill('9');
  await dialog.getByLabel(/^Dossier distant/).fill('/srv/ftp/recorders');
  await dialog.locator('input[type="password"]').fill('secret');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('pod@127.0.0.1:9/srv/ftp/recorders')).toBeVisible();
  await expect(page.getByText('Injoignable')).toBeVisible({ timeout: 20_000 });
  await page.screenshot(shot('15-sftp-listed'));
});
