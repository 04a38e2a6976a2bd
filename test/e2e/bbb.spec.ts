import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  manyRecordings,
  startBbbSimulator,
  type BbbSimulator,
  type SimMeeting,
} from '../helpers/bbbSimulator';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTestClip, regie, serve, shot, type Served } from './serve';

let served: Served;
let sim: BbbSimulator;
let dir: string;
let clip: string;

const createTime = Date.now() - 25 * 60_000;
const lecture: SimMeeting = {
  meetingId: 'l1-histoire-cm3',
  internalMeetingId: `${'e'.repeat(40)}-${String(createTime)}`,
  name: 'L1 Histoire — CM 3',
  createTime,
  recording: true,
  metadata: {
    'bbb-origin': 'Moodle',
    'bbb-origin-server-name': 'moodle.univ.example',
    'bbb-context': 'Histoire moderne',
  },
  attendees: [
    { userId: '11', fullName: 'Élodie Martin-Durand', role: 'MODERATOR', isPresenter: true },
    { userId: '12', fullName: 'Jean Dupont', role: 'MODERATOR' },
    { userId: '13', fullName: 'Nadia Benali', role: 'MODERATOR' },
    { userId: '31', fullName: 'Lina Haddad', role: 'VIEWER' },
    { userId: '32', fullName: 'Hugo Petit', role: 'VIEWER' },
  ],
};

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regie-e2e-bbb-'));
  clip = join(dir, 'video-0.m4v');
  makeTestClip(clip, 6, '1280x720');
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.beforeEach(async () => {
  sim = await startBbbSimulator({ flavour: 'bbb-2.7' });
  sim.meetings.push(structuredClone(lecture));
  served = await serve({
    prepare: (dataDir) => {
      const user = (name: string, first: string, last: string) =>
        regie(dataDir, 'user', 'add', name, '--first-name', first, '--last-name', last, '--staff');
      user('emartin', 'Élodie', 'Martin-Durand');
      user('jdupont', 'Jean', 'Dupont');
      user('jdupont2', 'Jean', 'Dupont');
      for (const [key, value] of Object.entries({
        FFMPEG_PRESET: 'ultrafast',
        REGIE_MIN_FREE_MB: '0',
        // A presentation drawn at 640×360 converts in seconds (issue #10: 1280×720 by default).
        BBB_CONVERT_SIZE: '640x360',
      }))
        regie(dataDir, 'settings', 'set', key, value);
    },
  });
});
test.afterEach(async () => {
  await served.stop();
  await sim.close();
});

test('meetings live with their moderators, the matching queue, and a publication into the Library', async ({
  page,
}) => {
  await page.goto(served.url);
  await page.getByRole('link', { name: 'BigBlueButton' }).click();
  // No server yet: the tabs say to add one first.
  await expect(page.getByTestId('bbb-no-server')).toBeVisible();

  // The server, through the form: a bad URL is refused at its field, then the real one is tested.
  await page.getByRole('tab', { name: 'Serveurs' }).click();
  await page.getByRole('button', { name: 'Ajouter un serveur' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Nom').fill('BBB Campus');
  await form.getByLabel("URL de l'API").fill('bbb.univ.fr');
  await form.getByLabel('Secret (bbb-conf --secret)').fill(sim.secret);
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form.getByText(/n'est pas l'URL d'un serveur/)).toBeVisible();
  await page.screenshot(shot('39-bbb-server-form'));
  await form.getByLabel("URL de l'API").fill(sim.url);
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('bbb-servers').getByText('joignable')).toBeVisible();
  await expect(page.getByTestId('bbb-servers').getByText('2.x / Scalelite')).toBeVisible();

  await page.getByRole('button', { name: 'Interroger maintenant' }).click();
  await page.getByRole('tab', { name: /En cours/ }).click();
  const running = page.getByTestId('bbb-running');
  await expect(running.getByText('L1 Histoire — CM 3')).toBeVisible({ timeout: 15_000 });
  await expect(running.getByText('emartin')).toBeVisible();
  await expect(running.getByText('Jean Dupont')).toBeVisible();
  await page.screenshot(shot('40-bbb-running'));

  await page.getByRole('tab', { name: /Correspondances/ }).click();
  const matches = page.getByTestId('bbb-matches');
  await expect(matches.getByText('plusieurs utilisateurs ont ce nom')).toBeVisible();
  await page.screenshot(shot('41-bbb-matching'));
  await matches.getByLabel('Utilisateur Régie Jean Dupont').click();
  await page.getByRole('option', { name: /^jdupont2/ }).click();
  await matches
    .getByRole('row')
    .filter({ hasText: 'Jean Dupont' })
    .getByRole('button', { name: 'Confirmer' })
    .click();
  await expect(matches.getByText('Jean Dupont')).toBeHidden();
  // Nobody is called Nadia Benali yet: create her from the BBB name.
  await matches.getByRole('button', { name: 'Créer l’utilisateur' }).click();
  const create = page.getByRole('dialog');
  await expect(create.getByLabel('Prénom')).toHaveValue('Nadia');
  await expect(create.getByLabel('Nom', { exact: true })).toHaveValue('Benali');
  await expect(create.getByLabel(/Identifiant/)).toHaveValue('nbenali');
  await create.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Rien à rapprocher')).toBeVisible();

  // The meeting ends: BBB forgets its moderators, Régie does not.
  sim.meetings = [];
  const [recording] = manyRecordings(sim.host, 1);
  if (!recording) throw new Error('no recording');
  Object.assign(recording, {
    meetingId: lecture.meetingId,
    internalMeetingId: lecture.internalMeetingId,
    name: lecture.name,
  });
  recording.formats.push({
    type: 'video',
    url: `${sim.host}/playback/video/${recording.recordId}/`,
    lengthMinutes: 0,
    sizeBytes: statSync(clip).size,
  });
  sim.videoFiles.set(recording.recordId, clip);
  sim.recordings = [recording];
  await page.getByRole('button', { name: 'Interroger maintenant' }).click();
  await page.getByRole('tab', { name: 'Réunions passées' }).click();
  const past = page.getByTestId('bbb-past');
  await expect(past.getByText('L1 Histoire — CM 3')).toBeVisible();
  await expect(past.getByText('jdupont2')).toBeVisible();
  await expect(past.getByText('nbenali')).toBeVisible();
  await page.screenshot(shot('42-bbb-past'));

  await page.getByRole('tab', { name: 'Enregistrements' }).click();
  await page.getByRole('button', { name: 'Copier tous les enregistrements' }).click();
  const row = page
    .getByTestId('bbb-recordings')
    .getByRole('row')
    .filter({ hasText: 'L1 Histoire' });
  await row.getByRole('button', { name: /^Publier/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('format vidéo')).toBeVisible();
  await dialog.getByRole('button', { name: 'Publier' }).click();
  await expect(row.getByText('publié', { exact: true })).toBeVisible({ timeout: 60_000 });
  await page.screenshot(shot('43-bbb-recordings'));

  await page.getByRole('link', { name: 'Vidéothèque', exact: true }).click();
  await expect(page.getByRole('button', { name: 'L1 Histoire — CM 3' })).toBeVisible();

  await page.getByRole('link', { name: 'BigBlueButton' }).click();
  await page.getByRole('tab', { name: 'Serveurs' }).click();
  await expect(page.getByTestId('bbb-servers').getByText('joignable')).toBeVisible();
  await page.screenshot(shot('44-bbb-servers'));
});

test('a presentation-only recording is converted before publication: progress, first pictures, then the Library', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(served.url);
  await page.getByRole('link', { name: 'BigBlueButton' }).click();
  await page.getByRole('tab', { name: 'Serveurs' }).click();
  await page.getByRole('button', { name: 'Ajouter un serveur' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Nom').fill('BBB Campus');
  await form.getByLabel("URL de l'API").fill(sim.url);
  await form.getByLabel('Secret (bbb-conf --secret)').fill(sim.secret);
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toBeHidden();
  // Régie sees the meeting run, so it knows Élodie (emartin) moderated it.
  await page.getByRole('button', { name: 'Interroger maintenant' }).click();
  await page.getByRole('tab', { name: /En cours/ }).click();
  await expect(page.getByTestId('bbb-running').getByText('emartin')).toBeVisible({
    timeout: 15_000,
  });

  // The meeting ends with a presentation recording only (the v27 player-frame fixture).
  sim.meetings = [];
  const [recording] = manyRecordings(sim.host, 1);
  if (!recording) throw new Error('no recording');
  const fixture = playerFrameRecording('v27');
  const slide = `${sim.host}/presentation/${recording.recordId}/presentation/43dc908da2dbc0c228bf1f4b9d8809074e1a1da4-1726317607531/svgs/slide1.svg`;
  Object.assign(recording, {
    meetingId: lecture.meetingId,
    internalMeetingId: lecture.internalMeetingId,
    name: lecture.name,
    formats: recording.formats.map((f) => ({
      ...f,
      previews: [{ url: slide, alt: 'Diapositive 1' }],
    })),
  });
  sim.presentation.recordings.set(recording.recordId, fixture.folder);
  sim.recordings = [recording];

  await page.getByRole('tab', { name: 'Enregistrements' }).click();
  await page.getByRole('button', { name: 'Copier tous les enregistrements' }).click();
  const row = page
    .getByTestId('bbb-recordings')
    .getByRole('row')
    .filter({ hasText: 'L1 Histoire' })
    .first();
  const convert = row.getByRole('button', { name: /^Convertir et publier…/ });
  await convert.hover();
  await expect(page.getByRole('tooltip')).toContainText('dessinée en vidéo');
  await convert.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/d'abord dessinée en vidéo/)).toBeVisible();
  await expect(dialog.getByLabel('Propriétaire')).toHaveValue(/emartin/);
  await dialog.getByRole('button', { name: 'Convertir et publier' }).click();
  await expect(dialog).toBeHidden();

  // The conversion job's phase and percent, then its first pictures under the row.
  const progress = row.getByTestId('bbb-publication-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).toContainText(/Récupération|Dessin|Assemblage|Vérification/);
  await row.getByRole('button', { name: 'Aperçu L1 Histoire — CM 3' }).click();
  const frames = page.getByTestId('bbb-preview-frames').getByRole('img');
  await expect(frames.first()).toBeVisible({ timeout: 60_000 });
  await expect(frames.first()).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await page.mouse.move(0, 0); // no tooltip over the row in the screenshots
  await expect(page.getByRole('tooltip')).toBeHidden();
  await page.screenshot(shot('70-bbb-convert-progress'));

  await expect(row.getByText('publié', { exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(progress).toBeHidden();
  await expect(frames).not.toHaveCount(0);
  await page.screenshot(shot('71-bbb-convert-published'));
  await row.getByRole('link', { name: 'Voir dans la Vidéothèque' }).click();
  await expect(page.getByRole('dialog', { name: 'L1 Histoire — CM 3' })).toBeVisible();
  await expect(page.getByTestId('library-player')).toBeVisible();
});
