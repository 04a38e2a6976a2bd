import { bi, RegieError } from '../../ground/errors';

/** Where a published presentation recording lives. */
export interface PlaybackLocation {
  /** `scheme://host[:port][/proxy-prefix]`, without a trailing slash. */
  origin: string;
  /** `host[:port]`, for messages. */
  host: string;
  recordId: string;
  /** `<origin>/presentation/<recordId>/`: nginx serves the published assets there (bbb.md §2). */
  baseUrl: string;
}

/**
 * bbb-playback refuses any other id (`src/utils/params.js` of bigbluebutton/bbb-playback), and so
 * do we: the id becomes a folder name and a URL segment.
 */
export const RECORD_ID = /^[a-z0-9]{40}-[0-9]{13}$/;

// `…/playback/presentation/<version>/<id>[/]` (2.3+ player) or
// `…/playback/presentation/<version>/playback.html?meetingId=<id>` (≤ 2.2 player, still the link
// kept in old recordings' metadata) — the forms bbb-dl accepts too (bbb.md §2).
const PLAYER_PATH = /^(.*?)\/playback\/presentation\/[A-Za-z0-9._-]+\/([^/]+)\/?$/;

const expected = bi(
  'Expected a BigBlueButton playback link such as https://bbb.example.org/playback/presentation/2.3/<record id> or …/playback/presentation/2.0/playback.html?meetingId=<record id>.',
  'Attendu : un lien de lecture BigBlueButton comme https://bbb.example.org/playback/presentation/2.3/<id d’enregistrement> ou …/playback/presentation/2.0/playback.html?meetingId=<id d’enregistrement>.',
);

const refuse = (en: string, fr: string, detail: string): RegieError =>
  new RegieError('validation', bi(`${en} ${expected.en}`, `${fr} ${expected.fr}`), { detail });

/** Reads a playback link; anything else is refused with a message saying what was expected. */
export function parsePlaybackUrl(input: string): PlaybackLocation {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('This is not a web address.', 'Ce n’est pas une adresse web.', 'invalid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(
      `The link must start with https:// (not ${url.protocol}).`,
      `Le lien doit commencer par https:// (pas ${url.protocol}).`,
      `scheme ${url.protocol}`,
    );
  if (url.username !== '' || url.password !== '')
    throw refuse(
      'The link must not hold a user name or password.',
      'Le lien ne doit pas contenir de nom d’utilisateur ni de mot de passe.',
      'credentials in URL',
    );
  const match = PLAYER_PATH.exec(url.pathname);
  if (!match)
    throw refuse(
      'This link is not a presentation playback link.',
      'Ce lien n’est pas un lien de lecture de présentation.',
      `path ${url.pathname}`,
    );
  const prefix = match[1] ?? '';
  const last = match[2] ?? '';
  const recordId = /\.html?$/i.test(last) ? (url.searchParams.get('meetingId') ?? '') : last;
  if (!RECORD_ID.test(recordId))
    throw refuse(
      `The record id “${recordId.slice(0, 80)}” is not one (40 letters or digits, a dash, 13 digits).`,
      `L’identifiant d’enregistrement « ${recordId.slice(0, 80)} » n’en est pas un (40 lettres ou chiffres, un tiret, 13 chiffres).`,
      'bad record id',
    );
  const origin = `${url.protocol}//${url.host}${prefix}`;
  return { origin, host: url.host, recordId, baseUrl: `${origin}/presentation/${recordId}/` };
}
