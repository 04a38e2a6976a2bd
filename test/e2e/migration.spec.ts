import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { manyRecordings, startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { regie, serve, settled, shot, type Served } from './serve';

/**
 * The Migration panel (issue #12 §7) against the BBB simulator: an old server of 50 recordings,
 * its list refreshed, imported as external videos with an admin as fallback owner; the plan
 * reviewed (counts, lines, its CSV), run, reported, and the external videos listed.
 */

let served: Served;
let sim: BbbSimulator;

test.beforeEach(async () => {
  sim = await startBbbSimulator({ flavour: 'bbb-2.7' });
  sim.recordings = manyRecordings(sim.host, 50);
  served = await serve({
    prepare: (dataDir) => {
      regie(dataDir, 'user', 'add', 'admin.bbb', '--first-name', 'Admin', '--last-name', 'BBB');
      regie(dataDir, 'user', 'add', 'emartin', '--first-name', 'Élodie', '--last-name', 'Martin');
      regie(
        dataDir,
        'bbb',
        'server',
        'add',
        '--name',
        'Ancien BBB',
        '--url',
        sim.url,
        '--secret',
        sim.secret,
        // The simulator runs in this process, which execFileSync blocks: no test call now.
        '--no-test',
      );
    },
  });
});
test.afterEach(async () => {
  await served.stop();
  await sim.close();
});

test('50 recordings of an old server imported as external videos, planned, run and reported', async ({
  page,
}) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Migration' }).click();

  // Before any run, the other tabs say what to do first.
  await page.getByRole('tab', { name: 'Vidéos externes' }).click();
  await expect(page.getByText("Aucune vidéo externe pour l'instant")).toBeVisible();
  await page.getByRole('tab', { name: 'Migrations passées' }).click();
  await expect(page.getByText("Aucune migration pour l'instant")).toBeVisible();
  await page.getByRole('tab', { name: 'Assistant' }).click();

  // 1. The server: nothing stored yet, so the list is refreshed from the server.
  await page.getByRole('combobox', { name: 'Serveur BBB ou Scalelite' }).click();
  await page.getByRole('option', { name: /^Ancien BBB/ }).click();
  const snapshot = page.getByTestId('migration-snapshot');
  await expect(snapshot.getByText(/aucun enregistrement de ce serveur/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Suivant' })).toBeDisabled();
  await snapshot.getByRole('button', { name: 'Actualiser la liste' }).click();
  await expect(
    snapshot.getByText(/^50 enregistrements dans la liste enregistrée, du /),
  ).toBeVisible();
  await expect(
    snapshot.getByText(/50 enregistrements listés en \d+ requêtes? \(paginée\)/),
  ).toBeVisible();
  // The count and when the list was read come from migration.snapshot (summarised in SQL).
  await expect(snapshot.getByTestId('migration-snapshot-count')).toHaveText(
    /^50 enregistrements dans la liste enregistrée, du .+ au .+\.$/,
  );
  await expect(snapshot.getByText(/^Liste lue sur le serveur le /)).toBeVisible();
  await page.screenshot(shot('90-migration-server'));
  await page.getByRole('button', { name: 'Suivant' }).click();

  // 2. The filter: everything (the positions are explained); the origin servers and states
  // offered are exactly the stored list's, with their counts.
  await expect(page.getByText(/1 = le plus récent/)).toBeVisible();
  await page.getByTestId('migration-filter-origin').click();
  await expect(page.getByRole('option')).toHaveText(['moodle.univ.example (50)']);
  await page.screenshot(shot('91-migration-filter'));
  await page.keyboard.press('Escape');
  await page.getByRole('combobox', { name: 'États BBB' }).click();
  await expect(page.getByRole('option')).toHaveText(['published (50)']);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Suivant' }).click();

  // 3. Import as external videos, recordings without a known owner going to admin.bbb.
  await page.getByRole('radio', { name: 'Import de vidéos externes' }).check();
  await expect(page.getByRole('button', { name: 'Suivant' })).toBeDisabled();
  await page.getByRole('combobox', { name: 'Propriétaire par défaut (admin)' }).click();
  await page.getByRole('option', { name: /^admin\.bbb/ }).click();
  await expect(page.getByLabel('Utiliser Moodle')).not.toBeChecked();
  await page.screenshot(shot('92-migration-mode'));
  // Moodle without any connection: said, with the way to the Moodle tab (the choices stay).
  await page.getByLabel('Utiliser Moodle').check();
  const noMoodle = page.getByTestId('migration-moodle-none');
  await expect(noMoodle).toContainText('Aucune connexion Moodle');
  await page.screenshot(shot('92b-migration-mode-no-moodle'));
  await noMoodle.getByRole('button', { name: 'Ouvrir l’onglet Moodle' }).click();
  await expect(page.getByTestId('migration-moodle-empty')).toBeVisible();
  await page.getByRole('tab', { name: 'Assistant' }).click();
  await page.getByLabel('Utiliser Moodle').uncheck();
  await page.getByRole('button', { name: 'Suivant' }).click();

  // 4. The plan: a dry run, reviewed.
  await page.getByRole('button', { name: 'Établir le plan' }).click();
  await expect(page.getByTestId('migration-plan-total')).toHaveText('50 lignes');
  await expect(page.getByTestId('migration-action-counts')).toHaveText('Vidéo externe : 50');
  const lines = page.getByTestId('migration-plan-lines');
  // Position 1 is the most recent: manyRecordings' last one.
  const first = lines.getByRole('row').first();
  await expect(first).toContainText('Cours 49 — amphi 1');
  await expect(first).toContainText('admin.bbb');
  await expect(first.getByRole('link')).toHaveAttribute('href', /\/playback\/presentation\/2\.3\//);
  await settled(page);
  await page.screenshot(shot('93-migration-plan'));
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Enregistrer le plan (CSV)' }).click(),
  ]);
  expect(saved.suggestedFilename()).toMatch(/^plan-migration-\d+\.csv$/);
  const csv = readFileSync(await saved.path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv).toHaveLength(51);
  expect(csv[1]).toMatch(/^1;.*;Cours 49 — amphi 1;external;admin\.bbb;http/);
  await page.getByRole('button', { name: 'Suivant' }).click();

  // 5. The run.
  await page.getByRole('button', { name: 'Lancer la migration' }).click();
  await expect(page.getByTestId('migration-progress')).toHaveText('50 lignes terminées sur 50');
  await expect(page.getByTestId('migration-run-lines').getByText('Fait').first()).toBeVisible();
  await page.screenshot(shot('94-migration-run'));
  await page.getByRole('button', { name: 'Suivant' }).click();

  // 6. The report: 50 done, nothing to retry.
  const report = page.getByTestId('migration-report');
  await expect(report.getByTestId('migration-state-counts')).toHaveText('Fait : 50');
  await expect(report.getByText('Toutes les lignes sont faites ou ignorées.')).toBeVisible();
  await expect(report.getByRole('button', { name: 'Relancer les échecs' })).toBeHidden();
  await page.screenshot(shot('95-migration-report'));

  // The external videos: one per recording, owned by the admin, linked to the playback.
  await page.getByRole('tab', { name: 'Vidéos externes' }).click();
  await expect(page.getByTestId('migration-externals-count')).toHaveText('50 vidéos externes');
  const externals = page.getByTestId('migration-externals');
  await expect(externals.getByText('admin.bbb').first()).toBeVisible();
  await expect(externals.getByRole('link').first()).toHaveAttribute('href', new RegExp(sim.host));
  await page.screenshot(shot('96-migration-externals'));

  // The past runs: the dry run and the real one; the real one reopens on its report.
  await page.getByRole('tab', { name: 'Migrations passées' }).click();
  const runs = page.getByTestId('migration-runs');
  await expect(runs.getByRole('row')).toHaveCount(3);
  await expect(runs.getByText('simulation')).toHaveCount(1);
  await page.screenshot(shot('97-migration-runs'));
  await runs.getByRole('row').nth(1).getByRole('button', { name: 'Ouvrir' }).click();
  await expect(page.getByTestId('migration-state-counts')).toHaveText('Fait : 50');

  // In English too.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByText('Every line is done or skipped.')).toBeVisible();
  await page.screenshot(shot('98-migration-report-en'));
});

/** A port nothing listens on: one the system just gave, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('Moodle connections: a field refused at its field, a wrong port tested readably, removed', async ({
  page,
}) => {
  const port = await closedPort();
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Migration' }).click();
  await page.getByRole('tab', { name: 'Moodle' }).click();

  // Empty: says what to do first, and the help names the settings.
  await expect(page.getByTestId('migration-moodle-empty')).toContainText('Aucune connexion Moodle');
  await expect(page.getByText(/MIGRATION_IGNORED_SERVERS/)).toBeVisible();
  await page.screenshot(shot('99-migration-moodle-empty'));

  // A prefix with a quote: refused by the main side, shown at the prefix field.
  await page.getByRole('button', { name: 'Ajouter une connexion Moodle' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Nom du serveur d’origine (ou default)').fill('moodle.univ.example');
  await form.getByLabel('Hôte de la base').fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill(String(port));
  await form.getByLabel('Utilisateur de la base').fill('regie_ro');
  await form.getByLabel('Mot de passe', { exact: true }).fill('s3cret-moodle');
  await form.getByLabel('Préfixe des tables').fill("mdl'");
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  const prefix = form.getByLabel('Préfixe des tables');
  await expect(prefix).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/« mdl' » : lettres, chiffres et _ seulement/)).toBeVisible();
  await page.screenshot(shot('9a-migration-moodle-field-error'));

  // Corrected: added, read-only, tested at once: the refused connection said readably.
  await prefix.fill('mdl_');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  const list = page.getByTestId('migration-moodle');
  const row = list.getByRole('row', { name: /moodle\.univ\.example/ }).first();
  await expect(row).toContainText(`127.0.0.1:${String(port)}`);
  await expect(row).toContainText('lecture seule');
  const outcome = page.getByTestId('migration-moodle-test-moodle.univ.example');
  await expect(outcome).toContainText('Le test a échoué');
  await expect(outcome).toContainText(`127.0.0.1:${String(port)}`);
  await expect(page.getByText('s3cret-moodle')).toHaveCount(0);
  await page.screenshot(shot('9b-migration-moodle-test-failed'));

  // In English too.
  await page.getByText('EN', { exact: true }).click();
  await expect(outcome).toContainText('The test failed');
  await page.screenshot(shot('9c-migration-moodle-en'));
  await page.getByText('FR', { exact: true }).click();

  // Removed, after a question.
  await page.getByRole('button', { name: 'Supprimer moodle.univ.example' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByTestId('migration-moodle-empty')).toBeVisible();
});
