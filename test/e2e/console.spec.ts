import { expect, test, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip, prepareInbox, serve, shot, type Served } from './serve';

/** What a new user tripped over in the console (issue #9): language, forms, BBB, the player. */

let served: Served;
test.afterEach(async () => {
  await served.stop();
});

const darkTheme = async (page: Page) => {
  await page.getByRole('button', { name: /Basculer clair\/sombre|Toggle light\/dark/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
};

/** An rgb() colour's red, green and blue. */
const rgbOf = async (locator: Locator) => {
  const color = await locator.evaluate((el) => getComputedStyle(el).color);
  const [r = 0, g = 0, b = 0] = (color.match(/\d+/g) ?? []).map(Number);
  return { r, g, b };
};

test('BigBlueButton says to add a server first, then edits it and shows its error readably', async ({
  page,
}) => {
  served = await serve();
  await page.goto(served.url);
  await page.getByRole('link', { name: 'BigBlueButton' }).click();
  // No server: nothing to poll, and every tab says what to do first.
  await expect(page.getByRole('button', { name: 'Interroger maintenant' })).toBeDisabled();
  const noServer = page.getByTestId('bbb-no-server');
  await expect(noServer).toContainText("Ajoutez d'abord votre serveur BigBlueButton");
  await page.getByRole('tab', { name: 'Enregistrements' }).click();
  await expect(noServer).toBeVisible();
  await page.screenshot(shot('60-bbb-no-server'));

  // Its button opens the form on the Servers tab; every missing field is flagged at once.
  await noServer.getByRole('button', { name: 'Ajouter un serveur' }).click();
  const form = page.getByRole('dialog');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByText('obligatoire, 100 caractères au plus')).toBeVisible();
  // URL and secret.
  await expect(form.getByText('obligatoire', { exact: true })).toHaveCount(2);
  await page.screenshot(shot('61-bbb-form-all-errors'));

  // Port 9 on the loopback is closed: the server is added, unreachable.
  await form.getByLabel('Nom').fill('Campus');
  await form.getByLabel("URL de l'API").fill('http://127.0.0.1:9/bigbluebutton/');
  await form.getByLabel('Secret (bbb-conf --secret)').fill('secret');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  const servers = page.getByTestId('bbb-servers');
  await expect(servers.getByText('injoignable')).toBeVisible();
  const error = servers.getByTestId('bbb-server-error');
  // In the console's language (French here), not the English of the stored error.
  await expect(error).toContainText('pas de réponse (ECONNREFUSED)');
  await expect(error).not.toContainText('getaddrinfo');
  await error.hover();
  await expect(page.getByRole('tooltip')).toContainText("Vérifiez le nom d'hôte");
  await page.screenshot(shot('62-bbb-server-error'));

  // Edit: the secret is not shown; left empty, it is kept.
  await servers.getByRole('button', { name: 'Modifier Campus' }).click();
  await expect(form.getByLabel('Nom')).toHaveValue('Campus');
  await expect(form.getByText('Laisser vide pour garder le secret enregistré.')).toBeVisible();
  await expect(form.getByLabel("URL de l'API")).toHaveValue('http://127.0.0.1:9/bigbluebutton/api');
  await form.getByLabel('Nom').fill('BBB Campus');
  await page.screenshot(shot('63-bbb-server-edit'));
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect(servers.getByText('BBB Campus')).toBeVisible();

  // With a server, Poll now polls and says which one failed, French typography.
  await page.getByRole('button', { name: 'Interroger maintenant' }).click();
  await expect(page.getByText(/^BBB Campus : /).first()).toBeVisible();

  // English typography, dark theme: the delete icon stays red.
  await page.getByText('EN', { exact: true }).click();
  await page.getByRole('button', { name: 'Poll now' }).click();
  await expect(page.getByText(/^BBB Campus: /).first()).toBeVisible();
  await darkTheme(page);
  const remove = servers.getByRole('button', { name: 'Delete BBB Campus' });
  const { r, g, b } = await rgbOf(remove);
  expect(r).toBeGreaterThan(g + 60);
  expect(r).toBeGreaterThan(b + 60);
  await page.screenshot(shot('64-bbb-servers-en-dark'));
});

test('English reads as English, and the journal signs what Régie did itself', async ({ page }) => {
  served = await serve();
  await page.goto(served.url);
  await page.getByText('EN', { exact: true }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'EMAIL_PORT' }).fill('587');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('EMAIL_PORT: Saved')).toBeVisible();
  await expect(page.getByText('EMAIL_PORT : Saved')).toBeHidden();
  await expect(page.getByText(/0\.44–0\.49× Pod's time \(npm run bench:encode/)).toBeVisible();

  // The ffmpeg self-test at start is Régie's own; the setting is the operator's.
  await page.getByRole('link', { name: 'Journal' }).click();
  const table = page.getByTestId('journal-table');
  const selfTest = table.getByRole('row').filter({ hasText: /media\.(ready|unavailable)/ });
  await expect(selfTest.first().getByRole('cell', { name: 'Régie', exact: true })).toBeVisible();
  const setting = table.getByRole('row').filter({ hasText: 'EMAIL_PORT' });
  await expect(setting.getByRole('cell', { name: 'local-admin', exact: true })).toBeVisible();
  await expect(table).not.toContainText('RegieError');
  await page.screenshot(shot('65-journal-en'));
});

test('the Users table shows first and last names apart, delete icons red in the dark', async ({
  page,
}) => {
  served = await serve({ prepare: (dataDir) => prepareInbox(dataDir, {}) });
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Utilisateurs' }).click();
  const row = page.getByRole('row').filter({ hasText: 'marie.curie' });
  await expect(row.getByRole('cell', { name: 'Marie', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Curie', exact: true })).toBeVisible();
  await darkTheme(page);
  const { r, g, b } = await rgbOf(row.getByRole('button', { name: 'Supprimer marie.curie' }));
  expect(r).toBeGreaterThan(g + 60);
  expect(r).toBeGreaterThan(b + 60);
  await page.screenshot(shot('66-users-dark'));
});

test.describe('a recording added by hand, then played', () => {
  let clips: string;
  test.beforeAll(() => {
    clips = mkdtempSync(join(tmpdir(), 'regie-e2e-console-'));
    // 12 s: Régie makes the overview sprite for 10 s and more, as Pod.
    makeTestClip(join(clips, 'cours.mp4'), 12, '1280x720');
  });
  test.afterAll(() => rmSync(clips, { recursive: true, force: true }));

  test('the form flags every field at once; the player has one labelled seek bar and file links', async ({
    page,
  }) => {
    served = await serve({
      prepare: (dataDir) =>
        prepareInbox(dataDir, {
          RECORDER_QUIET_SECONDS: '1',
          FFMPEG_PRESET: 'ultrafast',
          REGIE_MIN_FREE_MB: '0',
        }),
    });
    const folder = join(served.dataDir, 'recorders', 'amphi-a');
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(clips, 'cours.mp4'), join(folder, 'cours.mp4'));
    await page.goto(served.url);
    await page.getByRole('link', { name: 'Enregistrements' }).click();
    await page.getByRole('button', { name: 'Ajouter un enregistrement' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.getByText('choisissez un enregistreur')).toBeVisible();
    await expect(form.getByText('Obligatoire', { exact: true })).toHaveCount(2);
    await page.screenshot(shot('67-add-recording-errors'));

    await form.getByLabel(/^Enregistreur/).click();
    await page.getByRole('option', { name: /Amphi A/ }).click();
    await form.getByLabel(/^Fichier/).fill('cours.mp4');
    await form.getByLabel(/^Titre/).fill('Cours de test');
    await form.getByLabel('Propriétaire').click();
    await page.getByRole('option', { name: 'marie.curie' }).click();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form).toBeHidden({ timeout: 20_000 });

    await page.getByRole('link', { name: 'Vidéothèque' }).click();
    await page.getByRole('button', { name: 'Cours de test' }).click({ timeout: 60_000 });
    const player = page.getByRole('dialog', { name: 'Cours de test' });
    // One seek bar, named; the browser's own controls (a second bar) are off.
    await expect(player.getByRole('slider')).toHaveCount(1);
    const seek = player.getByRole('slider', { name: 'Position dans la vidéo' });
    await expect(seek).toBeVisible();
    await expect(page.getByTestId('library-player')).not.toHaveAttribute('controls');
    // Hovering at three quarters shows the time there, not the current one (0:00).
    const box = await seek.locator('xpath=..').boundingBox();
    if (!box) throw new Error('no seek bar');
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await expect(page.getByTestId('seek-preview')).toContainText(/0:(08|09|10)/);
    await expect(page.getByTestId('overview-tile')).toBeVisible();
    await page.screenshot(shot('68-player-seek-hover'));

    // Rendition files are links; sizes in French units.
    const renditions = page.getByTestId('renditions');
    const mp4 = renditions.getByRole('link', { name: /^Télécharger .*\.mp4$/ }).first();
    await expect(mp4).toHaveAttribute('href', /\/library\/\d+\/.*\.mp4$/);
    await expect(renditions).toContainText(/\d+(,\d)?\s(Ko|Mo)\b/);
    await page.keyboard.press('Escape');
    await page.getByText('EN', { exact: true }).click();
    await darkTheme(page);
    await page.getByRole('button', { name: 'Cours de test' }).click();
    await expect(renditions).toContainText(/\d+(\.\d)?\s(KB|MB)\b/);
    await expect(player.getByRole('slider', { name: 'Position in the video' })).toBeVisible();
    await page.screenshot(shot('69-player-en-dark'));
  });
});
