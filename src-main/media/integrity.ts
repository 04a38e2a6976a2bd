import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Bilingual } from '../../src-preload/contract';
import { RegieError, bi } from '../core/errors';
import { probeMedia, type MediaInfo } from './probe';
import { ProgramError } from './run';

/** What is wrong with a file, for code; `reason` says it to people. */
export type IntegrityProblem =
  | 'missing'
  | 'not_a_file'
  | 'empty'
  | 'incomplete'
  | 'unreadable'
  | 'timeout'
  | 'no_duration'
  | 'no_streams';

export type IntegrityResult =
  { ok: true; info: MediaInfo } | { ok: false; problem: IntegrityProblem; reason: Bilingual };

export interface IntegrityOptions {
  ffprobe: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** How much of ffprobe's stderr goes into a reason: enough to recognise, short enough to read. */
const TAIL_LINES = 3;
const TAIL_CHARS = 300;

/**
 * The drop-folder completeness check: a file is ready to publish only when ffprobe reads it, it
 * has a duration and at least one audio or video stream. Pod only waits for the size to stop
 * growing (reference/pod-behaviour.md §1.3.3) and so publishes an empty or truncated upload; this
 * runs after that.
 *
 * Rejects only when the check itself cannot run (ffprobe missing: RegieError `unavailable`) or
 * was cancelled (ProgramError `aborted`); everything wrong with the file is a result.
 */
export async function checkMediaIntegrity(
  path: string,
  options: IntegrityOptions,
): Promise<IntegrityResult> {
  const name = basename(path);
  const bad = (problem: IntegrityProblem, en: string, fr: string): IntegrityResult => ({
    ok: false,
    problem,
    reason: bi(`"${name}": ${en}`, `« ${name} » : ${fr}`),
  });

  let size: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) {
      return bad('not_a_file', 'this is not a regular file.', "ce n'est pas un fichier ordinaire.");
    }
    size = stats.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return bad('missing', 'the file does not exist.', "le fichier n'existe pas.");
    }
    return bad(
      'unreadable',
      `the file cannot be read (${code}).`,
      `le fichier ne peut pas être lu (${code}).`,
    );
  }
  if (size === 0) {
    return bad(
      'empty',
      'the file is empty (0 bytes): the transfer has not started or has failed.',
      "le fichier est vide (0 octet) : le transfert n'a pas commencé ou a échoué.",
    );
  }

  let info: MediaInfo;
  try {
    info = await probeMedia(path, options);
  } catch (error) {
    if (!(error instanceof ProgramError) || error.failure === 'aborted') throw error;
    if (error.failure === 'spawn') {
      throw new RegieError(
        'unavailable',
        bi(
          `ffprobe could not be started (${options.ffprobe}), so "${name}" was not checked.`,
          `ffprobe n'a pas pu être lancé (${options.ffprobe}) : « ${name} » n'a pas été vérifié.`,
        ),
        { cause: error },
      );
    }
    return unreadable(error, bad);
  }

  if (info.video === null && info.audioStreams.length === 0) {
    const has = [
      info.hasCoverArt ? 'a cover picture' : null,
      info.subtitleStreams.length > 0 ? 'subtitles' : null,
    ].filter((part) => part !== null);
    const hasFr = [
      info.hasCoverArt ? 'une image de couverture' : null,
      info.subtitleStreams.length > 0 ? 'des sous-titres' : null,
    ].filter((part) => part !== null);
    return bad(
      'no_streams',
      `it has no audio or video stream${has.length > 0 ? ` (only ${has.join(' and ')})` : ''}.`,
      `il n'a aucun flux audio ou vidéo${hasFr.length > 0 ? ` (seulement ${hasFr.join(' et ')})` : ''}.`,
    );
  }
  if (!(info.durationS > 0)) {
    return bad(
      'no_duration',
      `ffprobe reads it but its duration is 0 or unknown (${info.formatName}): nothing was recorded.`,
      `ffprobe le lit mais sa durée est nulle ou inconnue (${info.formatName}) : rien n'a été enregistré.`,
    );
  }
  return { ok: true, info };
}

function unreadable(
  error: ProgramError,
  bad: (problem: IntegrityProblem, en: string, fr: string) => IntegrityResult,
): IntegrityResult {
  if (error.failure === 'timeout') {
    return bad(
      'timeout',
      'ffprobe did not finish reading it in time (a very slow disk or share, or a damaged file).',
      "ffprobe n'a pas fini de le lire à temps (disque ou partage très lent, ou fichier abîmé).",
    );
  }
  const tail = stderrSummary(error);
  const said = tail === '' ? '' : ` ffprobe: ${tail}`;
  const saidFr = tail === '' ? '' : ` ffprobe : ${tail}`;
  if (/moov atom not found/i.test(error.stderrTail)) {
    return bad(
      'incomplete',
      'the MP4/MOV index (moov atom) is missing: the file is still being copied, the recording was ' +
        `interrupted before it was finalised, or it is not really an MP4.${said}`,
      "l'index MP4/MOV (atome moov) est absent : le fichier est encore en cours de copie, " +
        "l'enregistrement a été interrompu avant d'être finalisé, ou ce n'est pas vraiment un MP4." +
        saidFr,
    );
  }
  if (/End of file|Truncated|partial file/i.test(error.stderrTail)) {
    return bad(
      'incomplete',
      `the file ends too early: it is truncated (still being copied or cut off).${said}`,
      `le fichier se termine trop tôt : il est tronqué (copie en cours ou interrompue).${saidFr}`,
    );
  }
  if (/No such file or directory/i.test(error.stderrTail)) {
    return bad(
      'missing',
      `the file disappeared while it was being checked.${said}`,
      `le fichier a disparu pendant la vérification.${saidFr}`,
    );
  }
  if (/Invalid data found when processing input/i.test(error.stderrTail)) {
    return bad(
      'unreadable',
      `this is not a recognised audio or video format, or the file is damaged.${said}`,
      `ce n'est pas un format audio ou vidéo reconnu, ou le fichier est abîmé.${saidFr}`,
    );
  }
  const code = String(error.exitCode ?? error.exitSignal);
  return bad(
    'unreadable',
    `ffprobe cannot read it (exit code ${code}); the file is damaged or not a media file.${said}`,
    `ffprobe ne peut pas le lire (code de sortie ${code}) ; le fichier est abîmé ou n'est pas ` +
      `un fichier média.${saidFr}`,
  );
}

/** The last lines of ffprobe's stderr on one line, shortened. */
function stderrSummary(error: ProgramError): string {
  const joined = error.lastLines(TAIL_LINES).join(' | ');
  return joined.length > TAIL_CHARS ? `…${joined.slice(-TAIL_CHARS)}` : joined;
}
