/**
 * The emails Régie sends, as pure functions. The text part is written as text, not obtained by
 * stripping tags from the HTML (Pod runs bleach over it, §1.4.1), and every interpolated value is
 * escaped in the HTML part.
 */

export type MailLanguage = 'fr' | 'en';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** LANGUAGE_CODE → the language of the emails: `fr`, `fr-fr`, `fr_CA` → fr; anything else → en. */
export function mailLanguage(languageCode: string): MailLanguage {
  return languageCode.trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface NewRecordingMailOptions {
  siteTitle: string;
  recorderName: string;
  fileName: string;
  /** The assignment page (Pod's `/record/add_recording/?…`). */
  link: string;
  lang: MailLanguage;
}

/** The manager's mail of Pod's `video_publish` (§1.4.1), in substance, plus the file name. */
export function newRecordingMail(o: NewRecordingMailOptions): MailContent {
  const fr = o.lang === 'fr';
  const subject = fr
    ? `[${o.siteTitle}] Nouvel enregistrement ajouté.`
    : `[${o.siteTitle}] New recording added.`;
  const lines = (site: string, recorder: string, file: string) =>
    fr
      ? {
          hello: 'Bonjour,',
          added: `un nouvel enregistrement (${file}) vient d’être ajouté sur ${site} depuis l’enregistreur « ${recorder} ».`,
          assign: 'Pour l’attribuer, cliquez sur le lien ci-dessous.',
          copy: 'Si vous ne pouvez pas cliquer sur le lien, copiez-le et collez-le dans votre navigateur.',
          regards: 'Cordialement.',
        }
      : {
          hello: 'Hello,',
          added: `a new recording (${file}) has just been added on ${site} from the recorder “${recorder}”.`,
          assign: 'To assign it, just click on the link below.',
          copy: 'If you cannot click on the link, just copy-paste it in your browser.',
          regards: 'Regards.',
        };
  const t = lines(o.siteTitle, o.recorderName, o.fileName);
  const h = lines(escapeHtml(o.siteTitle), escapeHtml(o.recorderName), escapeHtml(o.fileName));
  const link = escapeHtml(o.link);
  // Only a web address becomes an anchor; anything else is shown, never made clickable.
  const anchor = /^https?:\/\//i.test(o.link) ? `<a href="${link}">${link}</a>` : link;
  const text = [t.hello, t.added, t.assign, '', o.link, t.copy, '', t.regards, ''].join('\n');
  const html =
    `<p>${h.hello}<br>${h.added}<br>${h.assign}</p>` +
    `<p>${anchor}<br><em>${h.copy}</em></p><p>${h.regards}</p>`;
  return { subject, text, html };
}

export type ProblemKind = 'no_manager' | 'notify_failed' | 'unknown_folder';

export interface ScanProblem {
  kind: ProblemKind;
  recorderName?: string;
  folder?: string;
  file?: string;
  detail?: string;
}

export interface AdminDigestMailOptions {
  siteTitle: string;
  lang: MailLanguage;
  problems: ScanProblem[];
}

/**
 * Pod's `mail_admins("Mediacourse job [Error(s) encountered]", …)` (§1.3.1), with the subject
 * prefixed as Pod's EMAIL_SUBJECT_PREFIX does. Unlike Pod it keeps the "create a recorder" hint
 * in the HTML part (§8.1.4) and reports notify failures, which Pod only prints (§8.1.7).
 */
export function adminDigestMail(o: AdminDigestMailOptions): MailContent {
  const fr = o.lang === 'fr';
  const subject = fr
    ? `[${o.siteTitle}] Tâche Mediacourse [erreur(s) rencontrée(s)]`
    : `[${o.siteTitle}] Mediacourse job [Error(s) encountered]`;
  const intro = fr
    ? 'L’analyse des dossiers des enregistreurs a rencontré les problèmes suivants :'
    : 'The scan of the recorder folders found the following problems:';
  const sentences = o.problems.map((p) => problemSentence(p, o.lang, (s) => s));
  const htmlSentences = o.problems.map((p) => problemSentence(p, o.lang, escapeHtml));
  const text = [intro, '', ...sentences.map((s) => `- ${s}`), ''].join('\n');
  const html =
    `<p>${escapeHtml(intro)}</p><ul>` +
    htmlSentences.map((s) => `<li>${s}</li>`).join('') +
    '</ul>';
  return { subject, text, html };
}

function problemSentence(p: ScanProblem, lang: MailLanguage, esc: (s: string) => string): string {
  const fr = lang === 'fr';
  const recorder = esc(p.recorderName ?? '?');
  const folder = esc(p.folder ?? '');
  const file = esc([p.folder, p.file].filter((s) => s !== undefined && s !== '').join('/'));
  const detail = esc(p.detail ?? '');
  switch (p.kind) {
    case 'no_manager': {
      const forFile = file ? (fr ? ` (fichier ${file})` : ` (file ${file})`) : '';
      return fr
        ? `Aucun responsable pour l’enregistreur ${recorder}${forFile}. Attribuez-lui un utilisateur ou passez ALLOW_MANUAL_RECORDING_CLAIMING à True.`
        : `No manager for the recorder ${recorder}${forFile}. Assign a user to it or set ALLOW_MANUAL_RECORDING_CLAIMING to True.`;
    }
    case 'unknown_folder':
      return fr
        ? `Aucun enregistreur trouvé pour le fichier ${file}. Créez un enregistreur pour le dossier « ${folder} ».`
        : `No recorder found for the file ${file}. Create a recorder for the folder “${folder}”.`;
    case 'notify_failed':
      return fr
        ? `Pod n’a pas accepté la notification du fichier ${file} de l’enregistreur ${recorder} : ${detail}`
        : `Pod did not accept the notification for the file ${file} of the recorder ${recorder}: ${detail}`;
  }
}

/** ADMINS is a list of [name, email]: the addresses, without blanks or repeats. */
export function adminRecipients(admins: [string, string][]): string[] {
  const emails = admins.map(([, email]) => email.trim()).filter((email) => email !== '');
  return [...new Set(emails)];
}
