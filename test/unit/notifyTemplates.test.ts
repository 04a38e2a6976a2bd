import { describe, expect, it } from 'vitest';
import {
  adminDigestMail,
  adminRecipients,
  mailLanguage,
  newRecordingMail,
  type ScanProblem,
} from '../../src-main/notify';

const link =
  'https://pod.univ.fr/record/add_recording/?mediapath=%2Fdata%2Fa+%26+b.mp4&course_title=a+%26+b.mp4&recorder=3';
const hostile = {
  siteTitle: 'Pod <Lille>',
  recorderName: 'Amphi "B" & Co',
  fileName: '<script>alert(1)</script>.mp4',
  link,
};

/** Any HTML tag at all, for "the text part has no tags". */
const TAG = /<\/?[a-z][^>]*>/i;

describe('mailLanguage', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr_CA', 'fr'],
    [' FR ', 'fr'],
    ['en', 'en'],
    ['en-us', 'en'],
    ['nl', 'en'],
    ['', 'en'],
  ])('%j → %s', (code, lang) => {
    expect(mailLanguage(code)).toBe(lang);
  });
});

describe('newRecordingMail', () => {
  it("writes Pod's English mail", () => {
    const mail = newRecordingMail({
      siteTitle: 'Pod',
      recorderName: 'Amphi A',
      fileName: 'cours.mp4',
      link,
      lang: 'en',
    });
    expect(mail.subject).toBe('[Pod] New recording added.');
    expect(mail.text).toContain(
      'a new recording (cours.mp4) has just been added on Pod from the recorder “Amphi A”.',
    );
    expect(mail.text).toContain('To assign it, just click on the link below.');
    expect(mail.text).toContain('copy-paste it in your browser');
    expect(mail.text.split('\n')).toContain(link);
    expect(mail.text).toMatch(/^Hello,\n/);
    expect(mail.text).toContain('Regards.');
  });

  it("writes Pod's French mail", () => {
    const mail = newRecordingMail({
      siteTitle: 'Pod',
      recorderName: 'Amphi A',
      fileName: 'cours.mp4',
      link,
      lang: 'fr',
    });
    expect(mail.subject).toBe('[Pod] Nouvel enregistrement ajouté.');
    expect(mail.text).toMatch(/^Bonjour,\n/);
    expect(mail.text).toContain('depuis l’enregistreur « Amphi A »');
    expect(mail.text).toContain('Pour l’attribuer');
    expect(mail.text).toContain('Cordialement.');
    expect(mail.html).toContain('depuis l’enregistreur « Amphi A »');
    expect(mail.html).toContain('<p>Bonjour,<br>');
  });

  it.each(['en', 'fr'] as const)('escapes every value in the HTML part (%s)', (lang) => {
    const mail = newRecordingMail({ ...hostile, lang });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;.mp4');
    expect(mail.html).toContain('Pod &lt;Lille&gt;');
    expect(mail.html).toContain('Amphi &quot;B&quot; &amp; Co');
    const escapedLink = link.replace(/&/g, '&amp;');
    expect(mail.html).toContain(`<a href="${escapedLink}">${escapedLink}</a>`);
  });

  it.each(['en', 'fr'] as const)('writes the text part without tags (%s)', (lang) => {
    const mail = newRecordingMail({ ...hostile, siteTitle: 'Pod', fileName: 'cours.mp4', lang });
    expect(mail.html).toMatch(TAG);
    expect(mail.text).not.toMatch(TAG);
    expect(mail.text.split('\n')).toContain(link);
  });

  it.each(['en', 'fr'] as const)('puts values verbatim in the text part (%s)', (lang) => {
    // text/plain is never interpreted, so escaping there would only garble the names.
    const mail = newRecordingMail({ ...hostile, lang });
    expect(mail.text).not.toContain('&amp;');
    expect(mail.text).toContain('Amphi "B" & Co');
    expect(mail.text).toContain('<script>alert(1)</script>.mp4');
  });

  it('does not make a non-web link clickable', () => {
    const mail = newRecordingMail({ ...hostile, link: 'javascript:alert(1)', lang: 'en' });
    expect(mail.html).not.toContain('href');
    expect(mail.html).toContain('javascript:alert(1)');
  });
});

describe('adminDigestMail', () => {
  const problems: ScanProblem[] = [
    { kind: 'no_manager', recorderName: 'Amphi A', folder: 'amphia', file: 'c1.mp4' },
    { kind: 'unknown_folder', folder: 'salle<12>', file: 'x.mp4' },
    {
      kind: 'notify_failed',
      recorderName: 'Amphi B',
      folder: 'amphib',
      file: 'c2.mp4',
      detail: 'key is not valid',
    },
  ];

  it('lists one sentence per problem (en)', () => {
    const mail = adminDigestMail({ siteTitle: 'Pod', lang: 'en', problems });
    expect(mail.subject).toBe('[Pod] Mediacourse job [Error(s) encountered]');
    expect(mail.html.match(/<li>/g)).toHaveLength(3);
    expect(mail.text).toContain(
      '- No manager for the recorder Amphi A (file amphia/c1.mp4). Assign a user to it or set ALLOW_MANUAL_RECORDING_CLAIMING to True.',
    );
    expect(mail.text).toContain(
      '- No recorder found for the file salle<12>/x.mp4. Create a recorder for the folder “salle<12>”.',
    );
    expect(mail.text).toContain(
      '- Pod did not accept the notification for the file amphib/c2.mp4 of the recorder Amphi B: key is not valid',
    );
    expect(mail.text).not.toMatch(TAG);
  });

  it('keeps the "create a recorder" hint in the HTML part, escaped (§8.1.4)', () => {
    const mail = adminDigestMail({ siteTitle: 'Pod', lang: 'en', problems });
    expect(mail.html).toContain(
      '<li>No recorder found for the file salle&lt;12&gt;/x.mp4. Create a recorder for the folder “salle&lt;12&gt;”.</li>',
    );
    expect(mail.html).toContain('key is not valid');
  });

  it('writes French', () => {
    const mail = adminDigestMail({ siteTitle: 'Pod', lang: 'fr', problems });
    expect(mail.subject).toBe('[Pod] Tâche Mediacourse [erreur(s) rencontrée(s)]');
    expect(mail.text).toContain('Aucun responsable pour l’enregistreur Amphi A');
    expect(mail.text).toContain('ALLOW_MANUAL_RECORDING_CLAIMING à True');
    expect(mail.text).toContain('Créez un enregistreur pour le dossier « salle<12> »');
    expect(mail.text).toContain('Amphi B : key is not valid');
    expect(mail.html.match(/<li>/g)).toHaveLength(3);
  });

  it('escapes a hostile detail', () => {
    const mail = adminDigestMail({
      siteTitle: 'Pod',
      lang: 'en',
      problems: [
        { kind: 'notify_failed', recorderName: 'R', file: 'f', detail: '<img onerror=x>' },
      ],
    });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img onerror=x&gt;');
  });
});

describe('adminRecipients', () => {
  it('keeps the addresses of ADMINS, once each', () => {
    expect(
      adminRecipients([
        ['Alice', 'alice@univ.fr'],
        ['Bob', ' bob@univ.fr '],
        ['Alice again', 'alice@univ.fr'],
      ]),
    ).toEqual(['alice@univ.fr', 'bob@univ.fr']);
    expect(adminRecipients([])).toEqual([]);
  });
});
