import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPodSimulator, type PodSimulator } from '../helpers/podSimulator';
import { makeTestClip, prepareInbox, regie, serve, shot, type Served } from './serve';

/**
 * The Pod connector's screens (issue #11 §6) against the Pod REST simulator: Settings → Pod,
 * the users' origin, the Library's publication to Pod.
 */
let served: Served | undefined;
let pod: PodSimulator;

test.beforeEach(async () => {
  // marie.curie is in Pod and in Régie (adopted by the mirror); jean.dupont only in Régie.
  pod = await startPodSimulator({
    users: 30,
    extraUsers: [{ username: 'marie.curie', firstName: 'Marie', lastName: 'Curie', isStaff: true }],
  });
});
test.afterEach(async () => {
  await served?.stop();
  served = undefined;
  await pod.close();
});

/**
 * Waits for running transitions before a screenshot, like serve.ts's settled(), but an animation
 * cancelled meanwhile (a notification leaving, a tooltip closing) is not an error.
 */
const settled = (page: import('@playwright/test').Page) =>
  page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));

/** Lets the notifications close (they overlay the bottom right corner) before a screenshot. */
async function quiet(page: import('@playwright/test').Page): Promise<void> {
  await page.mouse.move(300, 10); // a hovered notification stays
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
}

const cardShot = (name: string) => ({ path: `test-results/screenshots/${name}.png` });

test('connects a Pod in Settings, tests it, mirrors it, and shows who comes from Pod', async ({
  page,
}) => {
  served = await serve({
    prepare: (dataDir) => {
      prepareInbox(dataDir, {});
      regie(dataDir, 'user', 'add', 'jean.dupont', '--first-name', 'Jean', '--last-name', 'Dupont');
    },
  });
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const card = page.getByTestId('pod-connection');
  const state = card.getByTestId('pod-connection-state');
  await expect(state).toHaveText('Non configuré');
  await expect(card.getByText('Aucun Pod connecté')).toBeVisible();
  await expect(card.getByText(/Renseignez ci-dessous POD_URL/)).toBeVisible();
  await expect(card.getByRole('button', { name: 'Recopier maintenant' })).toBeDisabled();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot(cardShot('80-pod-unconfigured'));

  // The operator types the address and the token; the card follows without a reload.
  await page.getByRole('textbox', { name: 'POD_URL' }).fill(pod.url);
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('POD_URL : Enregistré')).toBeVisible();
  await page.getByLabel('POD_TOKEN', { exact: true }).fill(pod.staffToken);
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('POD_TOKEN : Enregistré')).toBeVisible();
  await expect(state).toHaveText('Configuré, non testé');
  // A test Pod without a trusted certificate: the opt-out is shown as such.
  await page.getByRole('switch', { name: 'POD_TLS_VERIFY' }).click({ force: true });
  await expect(card.getByText('certificat non vérifié', { exact: true })).toBeVisible();

  await card.getByRole('button', { name: 'Tester la connexion' }).click();
  await expect(state).toHaveText('Connexion vérifiée');
  const checks = card.getByTestId('pod-checks');
  for (const name of ['reachable', 'api', 'token', 'staff', 'apps'])
    await expect(checks.getByTestId(`pod-check-${name}`)).toHaveAttribute('data-ok', 'true');
  await expect(checks).toContainText('certificat TLS NON vérifié');
  await expect(checks).toContainText("L'utilisateur du jeton a le statut équipe.");
  await expect(checks).toContainText('tout fonctionne');

  await card.getByRole('button', { name: 'Recopier maintenant' }).click();
  const mirror = card.getByTestId('pod-mirror');
  await expect(mirror).toContainText('complète', { timeout: 20_000 });
  const counts = card.getByTestId('pod-counts');
  // admin, u1…u30, marie.curie
  await expect(counts).toContainText('32 utilisateurs');
  await expect(counts).toContainText(/\d+ types? de vidéo/);
  await expect(counts).toContainText(/\d+ passerelles? de live/);
  await expect(mirror).toContainText(/il y a|maintenant/);
  // The ticker may have mirrored once the token was saved: this mirror then added nobody.
  await expect(mirror).toContainText(/Utilisateurs de Régie : \d+ ajoutés? depuis Pod/);
  const regieOnly = card.getByTestId('pod-regie-only');
  await expect(regieOnly).toContainText('1 utilisateur de Régie absent de Pod');
  await expect(regieOnly).toContainText('jean.dupont');
  await quiet(page);
  await settled(page);
  await card.screenshot(cardShot('81-pod-tested-mirrored'));

  // Users: the origin of each, Pod's users edited in Pod only.
  await page.getByRole('link', { name: 'Utilisateurs' }).click();
  await quiet(page);
  const row = (username: string) =>
    page.getByRole('row').filter({ has: page.getByText(username, { exact: true }) });
  await expect(row('u7').getByTestId('user-origin')).toHaveAttribute('data-origin', 'pod');
  await expect(row('marie.curie').getByTestId('user-origin')).toHaveText('Pod');
  await expect(row('jean.dupont').getByTestId('user-origin')).toHaveText('Régieabsent de Pod');
  await expect(page.getByRole('button', { name: 'Modifier u7' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Supprimer u7' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Modifier jean.dupont' })).toBeEnabled();
  // Settings was scrolled down to its Pod card; the list's top shows both origins.
  await page.getByRole('heading', { name: 'Utilisateurs' }).scrollIntoViewIfNeeded();
  await settled(page);
  await page.screenshot(shot('82-users-origin'));
  await page.getByRole('button', { name: 'Modifier marie.curie' }).hover();
  await expect(
    page.getByText(/Recopié depuis Pod : modifiez cet utilisateur dans Pod/),
  ).toBeVisible();

  // In English, the checks say the same in English.
  await page.getByText('EN', { exact: true }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(card.getByTestId('pod-checks')).toContainText("The token's user is staff.");
  await expect(card.getByTestId('pod-counts')).toContainText('32 users');
  await expect(card.getByText('certificate not checked', { exact: true })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot(cardShot('83-pod-settings-en'));
});

test('publishes a Library video to Pod as a draft and links to its Pod page', async ({ page }) => {
  const clips = mkdtempSync(join(tmpdir(), 'regie-e2e-pod-'));
  try {
    const clip = makeTestClip(join(clips, 'court.mp4'), 6, '640x360');
    served = await serve({
      prepare: (dataDir) =>
        prepareInbox(dataDir, {
          RECORDER_QUIET_SECONDS: '1',
          FFMPEG_PRESET: 'ultrafast',
          POD_URL: pod.url,
          POD_TOKEN: pod.staffToken,
          // Published by hand from the Library, not at once when verified.
          POD_PUBLISH: 'off',
          POD_ENCODING_POLL_SECONDS: '1',
        }),
    });
    const folder = join(served.dataDir, 'recorders', 'amphi-a');
    mkdirSync(folder, { recursive: true });
    copyFileSync(clip, join(folder, 'court.mp4'));
    await page.goto(served.url);
    // Mirrored from the console: `regie pod mirror` run here would block the simulator, which
    // answers from this process.
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('button', { name: 'Recopier maintenant' }).click();
    await expect(page.getByTestId('pod-mirror')).toContainText('complète', { timeout: 20_000 });
    await page.getByRole('link', { name: 'À traiter' }).click();
    const inboxRow = page.getByTestId('inbox-row').filter({ hasText: 'court.mp4' });
    await expect(inboxRow.getByText('À revendiquer')).toBeVisible({ timeout: 20_000 });
    await inboxRow.getByRole('button', { name: 'Revendiquer court.mp4' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Titre/).fill('Cours court');
    await dialog.getByLabel('Propriétaire').click();
    await page.getByRole('option', { name: /marie\.curie/ }).click();
    // Pod's types, as mirrored, instead of a number.
    await dialog.getByLabel('Type de vidéo (id)').click();
    await page.getByRole('option', { name: '2 — Cours' }).click();
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toBeHidden();

    await page.getByRole('link', { name: 'Vidéothèque' }).click();
    await page.getByText('Liste', { exact: true }).click();
    const cell = page
      .getByTestId('library-list')
      .getByRole('row')
      .filter({ hasText: 'Cours court' });
    await expect(cell.getByTestId('pod-state')).toHaveText('pas dans Pod', { timeout: 60_000 });
    await page.getByRole('switch', { name: 'Pas encore dans Pod (1)' }).click({ force: true });
    await expect(cell).toBeVisible();
    await quiet(page);
    await settled(page);
    await page.screenshot(shot('84-library-not-in-pod'));

    await cell.getByRole('button', { name: 'Publier dans Pod Cours court' }).click();
    await page.getByRole('menuitem', { name: /En brouillon/ }).click();
    const filter = page.getByRole('switch', { name: 'Pas encore dans Pod (0)' });
    await expect(filter).toBeVisible({ timeout: 30_000 });
    await filter.click({ force: true });
    await expect(cell.getByTestId('pod-state')).toHaveText('dans Pod · brouillon', {
      timeout: 30_000,
    });
    const link = cell.getByRole('link', { name: 'Ouvrir dans Pod Cours court' });
    await expect(link).toHaveAttribute('href', new RegExp(`^${pod.url}/video/`));
    await expect(link).toHaveAttribute('target', '_blank');
    expect(pod.videos).toHaveLength(1);
    await quiet(page);
    await settled(page);
    await page.screenshot(shot('85-library-in-pod'));
    await page.getByText('Vignettes', { exact: true }).click();
    await expect(page.getByTestId('library-grid').getByTestId('pod-state')).toHaveText(
      'dans Pod · brouillon',
    );
    await settled(page);
    await page.screenshot(shot('86-library-grid-in-pod'));
  } finally {
    rmSync(clips, { recursive: true, force: true });
  }
});
