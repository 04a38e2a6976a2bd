import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { startNginxRtmp, type NginxRtmp } from '../helpers/nginxRtmp';
import { startPodSimulator } from '../helpers/podSimulator';
import { freePort } from '../helpers/servers';
import { startSipMediaGwSimulator, type SipSimulator } from '../helpers/sipmediagwSimulator';
import { regie, serve, shot, type Served } from './serve';

/**
 * The Webinars panel (issue #13 §8) against the BBB simulator (3.0: sendChatMessage), the legacy
 * SIPMediaGW simulator and a real nginx-rtmp whose HLS the preview plays in Chromium. The
 * simulated gateway joins as the real one does: Régie's relay page, its form, the BBB join, then
 * an ffmpeg push to the webinar's RTMP URL.
 */

let served: Served | undefined;
let bbb: BbbSimulator;
let sip: SipSimulator;
let nginx: NginxRtmp;

test.beforeEach(async () => {
  bbb = await startBbbSimulator({ flavour: 'bbb-3.0' });
  // The relay is Régie's web host, served over http here (SIPMediaGW opens https://).
  sip = await startSipMediaGwSimulator({ generation: 'legacy', joinScheme: 'http' });
  nginx = await startNginxRtmp();
});
test.afterEach(async () => {
  await served?.stop();
  served = undefined;
  await nginx.close();
  await sip.close();
  await bbb.close();
});

/** A staff user and the BBB server; `--no-test`: the simulator runs in this blocked process. */
function prepareBbb(dataDir: string): void {
  regie(
    dataDir,
    'user',
    'add',
    'marie.curie',
    '--first-name',
    'Marie',
    '--last-name',
    'Curie',
    '--staff',
  );
  regie(
    dataDir,
    'bbb',
    'server',
    'add',
    '--name',
    'BBB Université',
    '--url',
    bbb.url,
    '--secret',
    bbb.secret,
    '--no-test',
  );
}

/** Waits out the notifications (they cover the bottom right corner) before a screenshot. */
async function quiet(page: Page): Promise<void> {
  await page.mouse.move(300, 10); // a hovered notification stays
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await stillAnimations(page);
}

/** Running transitions ended (or cancelled: a notification's is aborted when it goes). */
async function stillAnimations(page: Page): Promise<void> {
  await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
}

/** `2026-07-14` and `09:05` for a local time, as the date and time inputs take them. */
function localInputs(at: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/** Ten minutes ago, to the minute: a slot that runs now, whatever the hour of the test. */
const slotStart = () => {
  const at = new Date(Date.now() - 10 * 60_000);
  at.setSeconds(0, 0);
  return at;
};

test('turned on, gateways added (one self-signed and off), a webinar created, an overlap refused, list and week', async ({
  page,
}) => {
  served = await serve({ prepare: prepareBbb });
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Webinaires' }).click();

  // Off by default, as in Pod: the local administrator may turn webinars on from here.
  const off = page.getByTestId('webinars-off');
  await expect(off).toContainText('Les webinaires sont désactivés');
  await expect(off).toContainText('USE_MEETING_WEBINAR');
  await page.screenshot(shot('w01-webinars-off'));
  await off.getByRole('button', { name: 'Activer les webinaires' }).click();

  // On: the public address is missing, and no gateway exists yet.
  const publicUrl = page.getByTestId('webinars-public-url');
  await expect(publicUrl).toContainText('WEBINAR_PUBLIC_URL est vide');
  const noGateway = page.getByTestId('webinars-no-gateway');
  await expect(noGateway).toContainText('Ajoutez une passerelle de live');
  await quiet(page);
  await page.screenshot(shot('w02-webinars-first-steps'));

  // The gateway fed by the SIPMediaGW simulator, into the real nginx-rtmp; tested once saved.
  await noGateway.getByRole('button', { name: 'Ajouter une passerelle de live' }).click();
  await expect(page.getByTestId('gateways-none')).toBeVisible();
  const addGateway = async (values: {
    name: string;
    stream: string;
    sipmediagw: string;
    token: string;
    isSelfSigned?: boolean;
  }) => {
    await page.getByRole('button', { name: 'Ajouter une passerelle de live' }).click();
    const form = page.getByRole('dialog', { name: 'Ajouter une passerelle de live' });
    await form.getByRole('textbox', { name: 'Nom', exact: true }).fill(values.name);
    await form
      .getByRole('textbox', { name: 'RTMP', exact: true })
      .fill(nginx.rtmpUrl(values.stream));
    await form.getByRole('textbox', { name: 'HLS', exact: true }).fill(nginx.hlsUrl(values.stream));
    await form.getByRole('textbox', { name: 'SIPMediaGW', exact: true }).fill(values.sipmediagw);
    await form.getByLabel('Jeton SIPMediaGW').fill(values.token);
    if (values.isSelfSigned) {
      await form.getByRole('switch', { name: 'Vérifier le certificat TLS' }).click({ force: true });
      await expect(form.getByTestId('gateway-form-tls-off')).toBeVisible();
      await form.getByRole('switch', { name: 'Activée' }).click({ force: true });
    }
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form).toBeHidden({ timeout: 20_000 });
  };
  await addGateway({ name: 'Amphi A', stream: 'amphi-a', sipmediagw: sip.url, token: sip.token });
  // A self-signed gateway, switched off: shown as such, never allocated.
  await addGateway({
    name: 'Amphi B (test)',
    stream: 'amphi-b',
    sipmediagw: 'https://127.0.0.1:9',
    token: 'jeton-de-test',
    isSelfSigned: true,
  });
  const row = (name: string) =>
    page.getByTestId('gateway-row').and(page.locator(`[data-name="${name}"]`));
  await expect(row('Amphi A').getByTestId('gateway-last-test')).toContainText('fonctionne');
  await expect(row('Amphi A')).toContainText('auto → ancienne (/start)');
  await expect(row('Amphi A')).toContainText('Activée');
  await expect(row('Amphi B (test)').getByTestId('gateway-tls-off')).toHaveText(
    'TLS non vérifié (certificat auto-signé)',
  );
  await expect(row('Amphi B (test)')).toContainText('Désactivée');
  await expect(row('Amphi B (test)').getByTestId('gateway-last-test')).toContainText('en échec');
  await quiet(page);
  await page.screenshot(shot('w03-gateways'));

  // The warning's link opens Settings on the webinar group; the public address is Régie's own.
  await publicUrl.getByRole('button', { name: 'La renseigner dans les Paramètres' }).click();
  const field = page.getByRole('textbox', { name: 'WEBINAR_PUBLIC_URL' });
  await expect(field).toBeInViewport();
  await field.fill(served.origin);
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.getByText('WEBINAR_PUBLIC_URL : Enregistré')).toBeVisible();

  await page.getByRole('link', { name: 'Webinaires' }).click();
  await expect(page.getByTestId('webinars-public-url')).toHaveCount(0);
  const none = page.getByTestId('webinars-none');
  await expect(none).toContainText('Aucun webinaire');

  // The first webinar takes the one usable gateway.
  const start = localInputs(slotStart());
  const fillWebinar = async (name: string) => {
    const form = page.getByRole('dialog', { name: 'Créer un webinaire' });
    await expect(form.getByRole('combobox', { name: 'Serveur BBB' })).toHaveValue('BBB Université');
    await form.getByRole('textbox', { name: 'Nom', exact: true }).fill(name);
    await form.getByLabel('Date').fill(start.date);
    await form.getByLabel('Heure de début').fill(start.time);
    await form.getByRole('textbox', { name: 'Durée prévue' }).fill('90');
    await form.getByRole('combobox', { name: 'Propriétaire', exact: true }).click();
    await page.getByRole('option', { name: /marie\.curie/ }).click();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    return form;
  };
  await none.getByRole('button', { name: 'Créer un webinaire' }).click();
  const first = await fillWebinar("CM d'ouverture — L1 Droit");
  await expect(first).toBeHidden({ timeout: 15_000 });
  await expect(
    page.getByText("Webinaire « CM d'ouverture — L1 Droit » créé, sur la passerelle Amphi A."),
  ).toBeVisible();

  // A second one at the same time: no gateway free, the refusal names the webinar holding it.
  await page.getByRole('button', { name: 'Créer un webinaire' }).click();
  const second = await fillWebinar('TD de rattrapage');
  const refusal = second.getByTestId('webinar-refusal');
  await expect(refusal).toContainText("CM d'ouverture — L1 Droit");
  await quiet(page);
  await page.screenshot(shot('w04-webinar-refused'));
  await second.getByRole('button', { name: 'Annuler' }).click();

  const table = page.getByTestId('webinars-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Amphi A');
  await expect(table).toContainText('BBB Université');
  await expect(table.getByTestId('webinar-status')).toHaveText('Planifié');
  await expect(table).toContainText('marie.curie');
  await quiet(page);
  await page.screenshot(shot('w05-webinars-list'));

  await page.getByText('Semaine', { exact: true }).click();
  // One card, or two when the slot runs past midnight (it shows on both days).
  const card = page.getByTestId('week-webinar').first();
  await expect(card).toContainText("CM d'ouverture — L1 Droit");
  await expect(card).toContainText('Amphi A');
  await expect(card).toContainText(start.time);
  await quiet(page);
  await page.screenshot(shot('w06-webinars-week'));

  // In English, the same.
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Live gateways' })).toBeVisible();
  await page.getByText('List', { exact: true }).click();
  await expect(page.getByTestId('webinar-status')).toHaveText('Scheduled');
  await page.getByRole('tab', { name: 'Live gateways' }).click();
  await expect(row('Amphi B (test)').getByTestId('gateway-tls-off')).toHaveText(
    'TLS not verified (self-signed certificate)',
  );
  await quiet(page);
  await page.screenshot(shot('w07-gateways-en'));
});

/** Served on a port known beforehand, so WEBINAR_PUBLIC_URL can point at it from the start. */
async function serveWithWebinar(): Promise<{ served: Served; webinarName: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regie-e2e-webinar-'));
  const port = await freePort();
  const tokenFile = join(dataDir, 'sipmediagw.token');
  writeFileSync(tokenFile, sip.token);
  const webinarName = 'Conférence inaugurale';
  const started = await serve({
    again: { dataDir, port },
    prepare: () => {
      prepareBbb(dataDir);
      regie(dataDir, 'settings', 'set', 'USE_MEETING_WEBINAR', 'true');
      regie(dataDir, 'settings', 'set', 'WEBINAR_PUBLIC_URL', `http://127.0.0.1:${String(port)}`);
      regie(dataDir, 'settings', 'set', 'WEBINAR_POLL_SECONDS', '2');
      // prettier-ignore
      regie(dataDir, 'gateway', 'add', '--name', 'Amphi A', '--rtmp', nginx.rtmpUrl('amphi-a'),
        '--hls', nginx.hlsUrl('amphi-a'), '--sipmediagw', sip.url, '--token-file', tokenFile);
      // prettier-ignore
      regie(dataDir, 'webinar', 'create', '--server', 'BBB Université', '--name', webinarName,
        '--start', slotStart().toISOString(), '--duration', '90', '--chat', '--owner', 'marie.curie');
    },
  });
  return { served: started, webinarName };
}

test('a webinar started, its live previewed with its health, a listener question sent, the chat hidden, the live restarted, then stopped, and the webinar ended', async ({
  page,
}) => {
  // A real live: ffmpeg, nginx-rtmp and hls.js each take seconds (about 45 s in all here).
  test.setTimeout(150_000);
  const prepared = await serveWithWebinar();
  served = prepared.served;
  // The server was added untested (--no-test): a test reads its version, 3.0, whose
  // sendChatMessage carries the listeners' questions (else the gateway's chat would).
  await page.goto(`${served.url}#/bbb`);
  await page.getByRole('tab', { name: 'Serveurs' }).click();
  await page.getByRole('button', { name: 'Tester BBB Université' }).click();
  await expect(page.getByTestId('bbb-servers')).toContainText('joignable');
  await page.getByRole('link', { name: 'Webinaires' }).click();
  await page.getByRole('button', { name: prepared.webinarName, exact: true }).click();
  const control = page.getByTestId('webinar-control');
  await expect(control.getByTestId('webinar-status')).toHaveText('Planifié');
  await expect(control.getByTestId('live-preview')).toContainText("Le direct n'a pas commencé.");
  await expect(control.getByTestId('webinar-facts')).toContainText('Amphi A');
  await expect(control.getByRole('button', { name: 'Arrêter seulement le direct' })).toBeDisabled();
  await quiet(page);
  await page.screenshot(shot('w08-webinar-scheduled'));

  // Start: the BBB meeting is created, then the gateway asked; the live is on once it says ok.
  await control.getByRole('button', { name: 'Démarrer le webinaire' }).click();
  await expect(control.getByTestId('webinar-status')).toHaveText('En direct', { timeout: 20_000 });
  expect(bbb.calls.some((c) => c.call === 'create')).toBe(true);
  await expect.poll(() => sip.running.size).toBe(1);
  const room = () => [...sip.running.values()][0];
  expect(room()?.rtmpDst).toBe(nginx.rtmpUrl('amphi-a'));
  // The gateway joined through Régie's relay as "SIPMediaGW", then pushes its stream.
  await expect
    .poll(() => room()?.joined?.name ?? room()?.joinError, { timeout: 30_000 })
    .toBe('SIPMediaGW');
  await expect.poll(() => room()?.pushing, { timeout: 30_000 }).toBe(true);

  const preview = control.getByTestId('live-preview');
  await expect(preview).toHaveAttribute('data-state', 'playing', { timeout: 45_000 });
  const picture = await preview
    .locator('video')
    .evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
  expect(picture).toEqual({ width: 320, height: 240 });
  const health = control.getByTestId('hls-health');
  await expect(health).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await expect(health).toContainText('320×240');
  await expect(health).toContainText('kbit/s');
  await expect(control.getByTestId('webinar-bbb')).toHaveText('en cours');
  await expect(control.getByTestId('webinar-watcher')).toHaveText('suit la réunion');
  await expect(control.getByTestId('webinar-journal')).toContainText('direct démarré sur Amphi A');

  // A listener's question, relayed by the operator into the BBB public chat.
  const chat = control.getByTestId('webinar-chat');
  await chat
    .getByRole('textbox', { name: 'Message pour le chat public de BBB' })
    .fill('Pouvez-vous revenir sur la diapositive 4 ?');
  await chat.getByRole('button', { name: 'Envoyer' }).click();
  await expect(chat.getByTestId('chat-message')).toContainText(
    'Pouvez-vous revenir sur la diapositive 4 ?',
  );
  // BBB 3.0 (its version read by the test above): straight into the public chat.
  await expect(chat.getByTestId('chat-message')).toContainText('console · chat BBB');
  await expect.poll(() => bbb.chat.length).toBe(1);

  // The chat panel in the stream: hidden, then the button offers to show it again.
  await control.getByRole('button', { name: 'Masquer le chat dans le direct' }).click();
  await expect(
    control.getByRole('button', { name: 'Afficher le chat dans le direct' }),
  ).toBeVisible();
  await expect.poll(() => room()?.chatVisible).toBe(false);
  await quiet(page);
  await page.screenshot(shot('w09-webinar-live'));
  // The whole control room, down to the webinar's journal.
  await page.screenshot({ ...shot('w09b-webinar-live-full'), fullPage: true });

  // Restart the live only: the gateway is stopped and started again (a second start with the
  // room), the webinar is live again, watched once, and its chat panel stays hidden as it was set.
  const starts = () => sip.calls.filter((c) => c.path === '/start' && c.query.room).length;
  expect(starts()).toBe(1);
  await control.getByRole('button', { name: 'Redémarrer seulement le direct' }).click();
  await expect.poll(starts, { timeout: 20_000 }).toBe(2);
  await expect(control.getByTestId('webinar-status')).toHaveText('En direct', { timeout: 20_000 });
  await expect(
    control.getByRole('button', { name: 'Redémarrer seulement le direct' }),
  ).toBeEnabled();
  expect(sip.running.size).toBe(1);
  await expect(control.getByTestId('webinar-watcher')).toHaveText('suit la réunion');
  await expect.poll(() => room()?.chatVisible).toBe(false);
  await expect(control.getByTestId('webinar-journal')).toContainText('redémarrage du direct');
  await expect.poll(() => room()?.pushing, { timeout: 30_000 }).toBe(true);
  await expect(preview).toHaveAttribute('data-state', 'playing', { timeout: 45_000 });
  await quiet(page);
  await page.screenshot(shot('w09c-webinar-live-restarted'));

  await page.getByText('EN', { exact: true }).click();
  await expect(control.getByTestId('webinar-status')).toHaveText('Live');
  await expect(control.getByRole('button', { name: 'Stop the live only' })).toBeEnabled();
  await expect(health).toContainText('HLS health');
  await quiet(page);
  await page.screenshot(shot('w10-webinar-live-en'));
  await page.getByText('FR', { exact: true }).click();

  // Busy on the gateways tab, and previewable there too.
  await control.getByRole('button', { name: 'Tous les webinaires' }).click();
  await page.getByRole('tab', { name: 'Passerelles de live' }).click();
  const gatewayRow = page.getByTestId('gateway-row');
  await expect(gatewayRow).toContainText(`Direct de ${prepared.webinarName}`);
  await gatewayRow.getByRole('button', { name: 'Aperçu du flux HLS Amphi A' }).click();
  const modal = page.getByRole('dialog', { name: 'Flux HLS de Amphi A' });
  await expect(modal.getByTestId('live-preview')).toHaveAttribute('data-state', 'playing', {
    timeout: 45_000,
  });
  // Another console stops the live: the gateway's push ends, nginx-rtmp removes the playlist,
  // and this preview, which was playing, says the stream ended.
  const other = await page.context().newPage();
  await other.goto(served.url);
  await other.getByRole('link', { name: 'Webinaires' }).click();
  await other.getByRole('button', { name: prepared.webinarName, exact: true }).click();
  await other.getByRole('button', { name: 'Arrêter seulement le direct' }).click();
  await expect(other.getByTestId('webinar-status')).toHaveText('Direct arrêté', {
    timeout: 20_000,
  });
  await other.close();
  expect(sip.running.size).toBe(0);
  await expect(modal.getByTestId('live-preview')).toHaveAttribute('data-state', 'ended', {
    timeout: 60_000,
  });
  await expect(modal.getByTestId('live-preview')).toContainText('Flux terminé.');
  await expect(modal.getByTestId('hls-health')).toHaveAttribute('data-state', /noStream|stale/, {
    timeout: 20_000,
  });
  await modal.screenshot({ path: 'test-results/screenshots/w11-gateway-preview-ended.png' });
  await page.keyboard.press('Escape');

  // This console followed; the webinar is ended after a confirmation (BBB's meeting ends).
  await page.getByRole('tab', { name: 'Webinaires' }).click();
  await page.getByRole('button', { name: prepared.webinarName, exact: true }).click();
  await expect(control.getByTestId('webinar-status')).toHaveText('Direct arrêté');
  await expect(control.getByTestId('live-preview')).toContainText('Le direct est arrêté.');
  await control.getByRole('button', { name: 'Terminer le webinaire' }).click();
  const confirm = page.getByRole('dialog', { name: 'Terminer le webinaire' });
  await expect(confirm).toContainText('la réunion BBB est terminée pour tous ses participants');
  await confirm.getByRole('button', { name: 'Terminer le webinaire' }).click();
  await expect(control.getByTestId('webinar-status')).toHaveText('Terminé', { timeout: 20_000 });
  expect(bbb.calls.filter((c) => c.call === 'end')).toHaveLength(1);
  await expect(control.getByRole('button', { name: 'Démarrer le webinaire' })).toBeDisabled();
  await quiet(page);
  await page.screenshot(shot('w12-webinar-ended'));
});

/** `14/07/2026 09:00–10:00`, as the list shows a slot on one day in French. */
function slotFr(start: Date, minutes: number): string {
  const { date, time } = localInputs(start);
  const [y, m, d] = date.split('-');
  return `${d ?? ''}/${m ?? ''}/${y ?? ''} ${time}–${localInputs(new Date(start.getTime() + minutes * 60_000)).time}`;
}

/** `days` from now at `hour`:00 local time: a slot far from the one running now. */
function daysAhead(days: number, hour: number): Date {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setHours(hour, 0, 0, 0);
  return at;
}

test('a running BBB meeting made a webinar, its slot moved, a move onto a taken slot refused, its start refused once the meeting ended', async ({
  page,
}) => {
  const prepared = await serveWithWebinar();
  served = prepared.served;
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Webinaires' }).click();
  await page.getByRole('button', { name: 'Créer un webinaire' }).click();
  const form = page.getByRole('dialog', { name: 'Créer un webinaire' });
  await expect(
    form.getByRole('radio', { name: 'Créer une nouvelle réunion (par défaut)' }),
  ).toBeChecked();
  await form.getByRole('radio', { name: 'Utiliser une réunion en cours' }).check();
  // Nothing runs in BBB yet (the webinar made on the command line has not started).
  await expect(form.getByTestId('webinar-meeting-none')).toBeVisible();
  await quiet(page);
  await page.screenshot(shot('w15-webinar-existing-none'));

  // A seminar begun from Moodle, with three people in it; polled on demand from the form.
  const createTime = Date.now() - 20 * 60_000;
  bbb.meetings.push({
    meetingId: 'droit-public-seminaire-7',
    internalMeetingId: `${'d'.repeat(40)}-${String(createTime)}`,
    name: 'Séminaire de droit public — séance 7',
    createTime,
    recording: false,
    metadata: { 'bbb-origin': 'Moodle', 'bbb-context': 'Droit public' },
    attendees: [
      { userId: '21', fullName: 'Claire Fontaine', role: 'MODERATOR', isPresenter: true },
      { userId: '22', fullName: 'Paul Martin', role: 'VIEWER' },
      { userId: '23', fullName: 'Inès Roux', role: 'VIEWER' },
    ],
  });
  await form.getByRole('button', { name: 'Interroger BBB' }).click();
  await expect(form.getByTestId('webinar-meeting-none')).toBeHidden({ timeout: 15_000 });
  await form.getByRole('combobox', { name: 'Réunion en cours' }).click();
  const option = page.getByRole('option', { name: /Séminaire de droit public/ });
  await expect(option).toContainText('droit-public-seminaire-7');
  await expect(option).toContainText('3 participants');
  await quiet(page);
  await page.screenshot(shot('w16-webinar-existing-options'));
  await option.click();
  // Its name fills the empty name field.
  const name = form.getByRole('textbox', { name: 'Nom', exact: true });
  await expect(name).toHaveValue('Séminaire de droit public — séance 7');
  await expect(form.getByTestId('webinar-meeting-chosen')).toHaveText(
    'droit-public-seminaire-7 · 3 participants',
  );
  // Away from the webinar that holds the only gateway now.
  const first = daysAhead(2, 9);
  await form.getByLabel('Date').fill(localInputs(first).date);
  await form.getByLabel('Heure de début').fill(localInputs(first).time);
  await form.getByRole('textbox', { name: 'Durée prévue' }).fill('60');
  await quiet(page);
  await page.screenshot(shot('w17-webinar-existing-chosen'));
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden({ timeout: 15_000 });

  const table = page.getByTestId('webinars-table');
  const seminar = table.getByRole('row').filter({ hasText: 'Séminaire de droit public' });
  await expect(seminar).toContainText(slotFr(first, 60));
  await expect(seminar).toContainText('Amphi A');
  await seminar
    .getByRole('button', { name: 'Séminaire de droit public — séance 7', exact: true })
    .click();
  const control = page.getByTestId('webinar-control');
  await expect(control.getByTestId('webinar-meeting-id')).toHaveText('droit-public-seminaire-7');
  // Régie did not create it: BBB was never asked to.
  expect(bbb.calls.filter((c) => c.call === 'create')).toHaveLength(0);

  // A new slot through the modal: saved, shown in the facts and the list.
  const editSlot = async (at: Date, minutes: number) => {
    await control.getByRole('button', { name: 'Modifier la date et la durée' }).click();
    const modal = page.getByRole('dialog', { name: 'Modifier la date et la durée' });
    await modal.getByLabel('Date').fill(localInputs(at).date);
    await modal.getByLabel('Heure de début').fill(localInputs(at).time);
    await modal.getByRole('textbox', { name: 'Durée prévue' }).fill(String(minutes));
    await modal.getByRole('button', { name: 'Enregistrer' }).click();
    return modal;
  };
  const moved = daysAhead(3, 14);
  await expect(await editSlot(moved, 45)).toBeHidden({ timeout: 15_000 });
  const facts = control.getByTestId('webinar-facts');
  await expect(facts).toContainText(slotFr(moved, 45));
  await expect(facts).toContainText('45 minutes');
  await expect(facts).toContainText('Amphi A');

  // Onto the slot of the webinar holding the only gateway: refused, naming it; nothing changes.
  const overlap = await editSlot(slotStart(), 30);
  await expect(overlap.getByTestId('webinar-refusal')).toContainText(prepared.webinarName);
  await quiet(page);
  await page.screenshot(shot('w18-webinar-slot-refused'));
  await overlap.getByRole('button', { name: 'Annuler' }).click();
  await expect(overlap).toBeHidden();
  await expect(facts).toContainText(slotFr(moved, 45));
  await control.getByRole('button', { name: 'Tous les webinaires' }).click();
  await expect(seminar).toContainText(slotFr(moved, 45));
  await expect(seminar).toContainText('Amphi A');

  // The seminar ends in BBB: Régie does not create it again, its start is refused, saying why.
  const ended = bbb.meetings.find((m) => m.meetingId === 'droit-public-seminaire-7');
  if (ended) Object.assign(ended, { running: false, endTime: Date.now() });
  await seminar
    .getByRole('button', { name: 'Séminaire de droit public — séance 7', exact: true })
    .click();
  await control.getByRole('button', { name: 'Démarrer le webinaire' }).click();
  await expect(control.getByTestId('webinar-error')).toContainText(
    "La réunion droit-public-seminaire-7 ne se tient pas sur BBB Université : démarrez-la d'abord dans BigBlueButton.",
  );
  await expect(control.getByTestId('webinar-status')).toHaveText('Planifié');
  expect(sip.calls.filter((c) => c.path === '/start' && c.query.room)).toHaveLength(0);
  expect(bbb.calls.filter((c) => c.call === 'create')).toHaveLength(0);
  // The refusal's notification (15 s) is what the operator sees at the click: kept in the shot.
  await stillAnimations(page);
  await page.screenshot(shot('w19-webinar-existing-not-running'));
});

test("Pod's live gateways mirrored as incomplete, then completed with their SIPMediaGW", async ({
  page,
}) => {
  const pod = await startPodSimulator();
  try {
    served = await serve({
      prepare: (dataDir) => {
        prepareBbb(dataDir);
        regie(dataDir, 'settings', 'set', 'USE_MEETING_WEBINAR', 'true');
        regie(dataDir, 'settings', 'set', 'WEBINAR_PUBLIC_URL', 'https://regie.univ.test');
        regie(dataDir, 'settings', 'set', 'POD_URL', pod.url);
        regie(dataDir, 'settings', 'set', 'POD_TOKEN', pod.staffToken);
      },
    });
    await page.goto(`${served.url}#/settings`);
    const card = page.getByTestId('pod-connection');
    await card.getByRole('button', { name: 'Recopier maintenant' }).click();
    await expect(card.getByTestId('pod-mirror')).toContainText('complète', { timeout: 20_000 });

    // Pod knows the RTMP and HLS sides only: the gateway cannot be allocated yet.
    await page.getByRole('link', { name: 'Webinaires' }).click();
    const step = page.getByTestId('webinars-no-usable-gateway');
    await expect(step).toContainText('Aucune passerelle utilisable');
    await step.getByRole('button', { name: 'Passerelles de live' }).click();
    const row = page.getByTestId('gateway-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Pod');
    await expect(row).toContainText('rtmp://stream.univ.test/live/gw1');
    await expect(row.getByTestId('gateway-incomplete')).toHaveText(
      'URL SIPMediaGW et jeton à renseigner',
    );
    await expect(row.getByRole('button', { name: /^Tester/ })).toBeDisabled();
    await quiet(page);
    await page.screenshot(shot('w13-gateways-from-pod'));

    // Its name and addresses stay Pod's; Régie adds the SIPMediaGW and its token.
    await row.getByRole('button', { name: /^Modifier/ }).click();
    const form = page.getByRole('dialog', { name: 'Modifier la passerelle de live' });
    await expect(form).toContainText('Recopiée depuis Pod');
    await expect(form.getByRole('textbox', { name: 'RTMP', exact: true })).toBeDisabled();
    await form.getByRole('textbox', { name: 'SIPMediaGW', exact: true }).fill(sip.url);
    await form.getByLabel('Jeton SIPMediaGW').fill(sip.token);
    await quiet(page);
    await form.screenshot({ path: 'test-results/screenshots/w14-gateway-pod-form.png' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form).toBeHidden({ timeout: 20_000 });
    await expect(row.getByTestId('gateway-incomplete')).toHaveCount(0);
    await expect(row.getByTestId('gateway-last-test')).toContainText('fonctionne');

    await page.getByRole('tab', { name: 'Webinaires' }).click();
    await expect(page.getByTestId('webinars-none')).toContainText('Aucun webinaire');
  } finally {
    await served?.stop();
    served = undefined;
    await pod.close();
  }
});
