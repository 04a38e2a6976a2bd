import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Bilingual } from '../../src-preload/contract';
import { RegieError, bi } from '../ground/errors';
import { parseProbeOutput, probeArgs, probeJson, type MediaInfo } from './probe';
import { ProgramError, run } from './run';
import {
  formatStartTime,
  isCutTransportStream,
  judgeTail,
  logMessage,
  readTail,
  type TailFacts,
  type TailFinding,
} from './tailCheck';

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
  /** For reading the header (stage one). Default 60 s. */
  timeoutMs?: number;
  /** For reading the last seconds (stage two, see tailCheck.ts). Default 60 s. */
  tailTimeoutMs?: number;
  signal?: AbortSignal;
}

/** How much of ffprobe's stderr goes into a reason: enough to recognise, short enough to read. */
const TAIL_LINES = 3;
const TAIL_CHARS = 300;

/** Most distinct stage-one log messages remembered (a damaged file can print thousands). */
const MAX_KNOWN_MESSAGES = 1000;

/**
 * The drop-folder completeness check: a file is ready to publish only when ffprobe reads it, it
 * has a duration and at least one audio or video stream, and its last seconds are really there
 * (tailCheck.ts: an upload cut short keeps the header of a faststart MP4, a Matroska or an MPEG-TS
 * file). Pod only waits for the size to stop growing (reference/pod-behaviour.md §1.3.3) and so
 * publishes an empty or truncated upload; this runs after that.
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

  let probed: Probed;
  try {
    probed = await probe(path, options);
  } catch (error) {
    rethrowUnlessFileProblem(error, options.ffprobe, name);
    return unreadable(error, bad);
  }
  const { info } = probed;

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

  const facts: TailFacts = {
    formatName: info.formatName,
    sizeBytes: size,
    startTimeS: probed.startTimeS,
    durationS: info.durationS,
  };
  let finding: TailFinding | null;
  if (isCutTransportStream(facts)) {
    finding = { kind: 'ts_not_whole_packets' };
  } else {
    try {
      const reading = await readTail(path, facts, {
        ffprobe: options.ffprobe,
        timeoutMs: options.tailTimeoutMs,
        signal: options.signal,
        knownMessages: probed.knownMessages,
      });
      finding = judgeTail(facts, reading);
    } catch (error) {
      rethrowUnlessFileProblem(error, options.ffprobe, name);
      return unreadableEnd(error, bad);
    }
  }
  return finding === null ? { ok: true, info } : incompleteEnd(finding, bad);
}

interface Probed {
  info: MediaInfo;
  /** The container's start time (format.start_time), 0 when ffprobe does not give one. */
  startTimeS: number;
  /** What ffprobe printed to stderr, as logMessage() gives it. */
  knownMessages: Set<string>;
}

/**
 * probeMedia, also keeping the start time and stderr: the tail check seeks relative to the one and
 * ignores what it repeats of the other (errors decoding the first frames, printed again when the
 * tail run opens the file).
 */
async function probe(path: string, options: IntegrityOptions): Promise<Probed> {
  const args = probeArgs(path);
  const knownMessages = new Set<string>();
  const { stdout, stderrTail } = await run(options.ffprobe, args, {
    timeoutMs: options.timeoutMs ?? 60_000,
    signal: options.signal,
    onStderrLine: (line) => {
      const message = logMessage(line);
      if (message !== null && knownMessages.size < MAX_KNOWN_MESSAGES) knownMessages.add(message);
    },
  });
  const json = probeJson(stdout, { program: options.ffprobe, args, stderrTail });
  return { info: parseProbeOutput(json), startTimeS: formatStartTime(json), knownMessages };
}

/**
 * Lets through only a ProgramError about the file: a cancel propagates as is, and an ffprobe that
 * cannot be started is a RegieError `unavailable`, not a fault of the file.
 */
function rethrowUnlessFileProblem(
  error: unknown,
  ffprobe: string,
  name: string,
): asserts error is ProgramError {
  if (!(error instanceof ProgramError) || error.failure === 'aborted') throw error;
  if (error.failure === 'spawn') {
    throw new RegieError(
      'unavailable',
      bi(
        `ffprobe could not be started (${ffprobe}), so "${name}" was not checked.`,
        `ffprobe n'a pas pu être lancé (${ffprobe}) : « ${name} » n'a pas été vérifié.`,
      ),
      { cause: error },
    );
  }
}

type Bad = (problem: IntegrityProblem, en: string, fr: string) => IntegrityResult;

const END_MISSING_EN =
  'the end of the file is missing or damaged: the upload may have been interrupted';
const END_MISSING_FR =
  'la fin du fichier est absente ou abîmée : le transfert a peut-être été interrompu';

/** Stage two found the end missing. */
function incompleteEnd(finding: TailFinding, bad: Bad): IntegrityResult {
  const errors = finding.kind === 'ts_not_whole_packets' ? [] : finding.errors;
  const tail = summarize(errors);
  const said = tail === '' ? '' : ` ffprobe: ${tail}`;
  const saidFr = tail === '' ? '' : ` ffprobe : ${tail}`;
  switch (finding.kind) {
    case 'ts_not_whole_packets':
      return bad(
        'incomplete',
        `${END_MISSING_EN} (an MPEG-TS file is a whole number of 188-byte packets; this one ends ` +
          'in the middle of one).',
        `${END_MISSING_FR} (un fichier MPEG-TS est fait de paquets entiers de 188 octets ; ` +
          "celui-ci se termine au milieu d'un paquet).",
      );
    case 'no_packets':
      return bad(
        'incomplete',
        `${END_MISSING_EN} (its header announces ${clock(finding.expectedEndS)}, but there is ` +
          `no audio or video data in its last seconds).${said}`,
        `${END_MISSING_FR} (son en-tête annonce ${clock(finding.expectedEndS)}, mais ses ` +
          `dernières secondes ne contiennent aucune donnée audio ou vidéo).${saidFr}`,
      );
    case 'short':
      return bad(
        'incomplete',
        `${END_MISSING_EN} (the media stops at ${clock(finding.lastEndS)} of the ` +
          `${clock(finding.expectedEndS)} its header announces).${said}`,
        `${END_MISSING_FR} (le média s'arrête à ${clock(finding.lastEndS)} sur les ` +
          `${clock(finding.expectedEndS)} annoncées par son en-tête).${saidFr}`,
      );
    case 'errors':
      return bad(
        'incomplete',
        `${END_MISSING_EN} (ffmpeg reports errors reading its last seconds).${said}`,
        `${END_MISSING_FR} (ffmpeg signale des erreurs en lisant ses dernières secondes).${saidFr}`,
      );
  }
}

/** The tail run itself failed: ffprobe timed out or exited non-zero while reading the end. */
function unreadableEnd(error: ProgramError, bad: Bad): IntegrityResult {
  if (error.failure === 'timeout') {
    return bad(
      'timeout',
      'ffprobe did not finish reading the end of it in time (a very slow disk or share, or a ' +
        'damaged file).',
      "ffprobe n'a pas fini d'en lire la fin à temps (disque ou partage très lent, ou fichier " +
        'abîmé).',
    );
  }
  const tail = stderrSummary(error);
  const said = tail === '' ? '' : ` ffprobe: ${tail}`;
  const saidFr = tail === '' ? '' : ` ffprobe : ${tail}`;
  if (/No such file or directory/i.test(error.stderrTail)) {
    return bad(
      'missing',
      `the file disappeared while it was being checked.${said}`,
      `le fichier a disparu pendant la vérification.${saidFr}`,
    );
  }
  const code = String(error.exitCode ?? error.exitSignal);
  return bad(
    'incomplete',
    `${END_MISSING_EN} (ffprobe failed reading its last seconds, exit code ${code}).${said}`,
    `${END_MISSING_FR} (ffprobe a échoué en lisant ses dernières secondes, code de sortie ` +
      `${code}).${saidFr}`,
  );
}

/** `14.9 s`, `2:05`, `1:02:03`: how long the media lasts, for a reason. */
function clock(totalS: number): string {
  if (totalS < 60) return `${totalS.toFixed(1)} s`;
  const s = Math.floor(totalS);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

function unreadable(error: ProgramError, bad: Bad): IntegrityResult {
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
  return summarize(error.lastLines(TAIL_LINES));
}

/** `[mov,mp4 @ 0x55a8e4a0f180] moov atom not found` → `moov atom not found`: a memory address
 *  means nothing to an operator and differs at every run. */
const withoutAddresses = (line: string): string =>
  line.replace(/\[[^\]@]*@ ?0x[0-9a-f]+\]\s*/gi, '');

function summarize(lines: readonly string[]): string {
  const joined = lines.slice(-TAIL_LINES).map(withoutAddresses).join(' | ');
  return joined.length > TAIL_CHARS ? `…${joined.slice(-TAIL_CHARS)}` : joined;
}
