import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, extname, posix, resolve, sep } from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import type { ZipFile } from 'yauzl';
import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { decodeSmilBytes, maxSmilBytes, parseSmil, slidesFromImages, type Slide } from './smil';
import {
  closeZip,
  normalizedName,
  openCheckedZip,
  resolveLimits,
  shown,
  unsafePathReason,
  zipError,
  type CheckedEntry,
  type ZipLimits,
} from './zipCheck';

export interface AudiovideocastContent {
  /** The ZIP's basename without extension: the folder inside the ZIP (Pod §8.1.13). */
  mediaName: string;
  smilTitle: string | null;
  /** Absolute path of the extracted media, `<destDir>/<mediaName>/<src>`. */
  mediaPath: string;
  /**
   * End of the last slide is start + 1: the media duration is not known here. The caller probes
   * `mediaPath` and recomputes with `slidesFromImages(…, { durationS })`.
   */
  slides: (Slide & { imagePath: string | null })[];
}

export interface ExtractOptions {
  limits?: Partial<ZipLimits>;
  /** Pod's RECORDER_SKIP_FIRST_IMAGE (default false). */
  skipFirstImage?: boolean;
  signal?: AbortSignal;
}

/** What one call wrote, so that a failure removes exactly that and nothing else. */
class Written {
  private readonly files = new Set<string>();
  private readonly dirs: string[] = [];

  addFile(path: string): void {
    this.files.add(path);
  }

  async mkdir(dir: string): Promise<void> {
    const first = await mkdir(dir, { recursive: true });
    if (first === undefined) return;
    // Every level from `dir` up to the first one mkdir created is ours.
    for (let d = dir; ; d = dirname(d)) {
      this.dirs.push(d);
      if (d === first || dirname(d) === d) break;
    }
  }

  async undo(): Promise<void> {
    for (const file of this.files) await rm(file, { force: true });
    const deepestFirst = [...new Set(this.dirs)].sort((a, b) => b.length - a.length);
    for (const dir of deepestFirst) {
      try {
        await rmdir(dir);
      } catch {
        // Not empty (someone else wrote there meanwhile) or already gone: leave it.
      }
    }
  }
}

const exists = async (path: string): Promise<boolean> => {
  try {
    await lstat(path);
    return true;
  } catch {
    // ENOENT (or unreadable parent): nothing there we could overwrite.
    return false;
  }
};

interface Extraction {
  zipPath: string;
  zip: ZipFile;
  /** Absolute destination folder; every output must be strictly inside it. */
  root: string;
  written: Written;
  limits: ZipLimits;
  bytesWritten: number;
  signal: AbortSignal | undefined;
}

const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/**
 * A pass-through that counts the bytes really inflated and checks them against what the central
 * directory declared: more is a lying header (abort at once, before the disk fills), fewer or a
 * wrong CRC is a corrupt entry. The total across the extraction is capped too.
 */
function byteCounter(x: Extraction, item: CheckedEntry): Transform {
  const { name, uncompressedSize } = item.info;
  const label = `"${shown(name)}"`;
  let count = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      count += chunk.length;
      x.bytesWritten += chunk.length;
      if (count > uncompressedSize) {
        callback(
          zipError(
            x.zipPath,
            bi(
              `entry ${label} holds more data than the ${String(uncompressedSize)} bytes it declares: its header lies, extraction stopped`,
              `l'entrée ${label} contient plus que les ${String(uncompressedSize)} octets qu'elle annonce : son en-tête ment, extraction arrêtée`,
            ),
          ),
        );
        return;
      }
      if (x.bytesWritten > x.limits.maxTotalBytes) {
        callback(
          zipError(
            x.zipPath,
            bi(
              `extraction stopped: more than ${String(x.limits.maxTotalBytes)} bytes written`,
              `extraction arrêtée : plus de ${String(x.limits.maxTotalBytes)} octets écrits`,
            ),
          ),
        );
        return;
      }
      crc = crc32(chunk, crc);
      callback(null, chunk);
    },
    flush(callback) {
      if (count !== uncompressedSize || crc !== item.entry.crc32) {
        callback(
          zipError(
            x.zipPath,
            bi(
              `entry ${label} is corrupt (${String(count)} of ${String(uncompressedSize)} bytes, CRC ${crc === item.entry.crc32 ? 'correct' : 'wrong'})`,
              `l'entrée ${label} est corrompue (${String(count)} octets sur ${String(uncompressedSize)}, CRC ${crc === item.entry.crc32 ? 'correct' : 'faux'})`,
            ),
          ),
        );
        return;
      }
      callback();
    },
  });
}

/** Streams one entry through the byte counter into `sink`; never holds the entry in memory. */
async function streamEntry(x: Extraction, item: CheckedEntry, sink: Writable): Promise<void> {
  const { entry, info } = item;
  const label = `"${shown(info.name)}"`;
  if (entry.isEncrypted()) {
    throw zipError(x.zipPath, bi(`entry ${label} is encrypted`, `l'entrée ${label} est chiffrée`));
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    const method = String(entry.compressionMethod);
    throw zipError(
      x.zipPath,
      bi(
        `entry ${label} uses compression method ${method}; only stored (0) and deflate (8) are read`,
        `l'entrée ${label} utilise la méthode de compression ${method} ; seules stockée (0) et deflate (8) sont lues`,
      ),
    );
  }
  try {
    const source: Readable = await x.zip.openReadStreamPromise(entry);
    await pipeline(source, byteCounter(x, item), sink, { signal: x.signal });
  } catch (error) {
    if (error instanceof RegieError || isAbort(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException).syscall !== undefined) {
      throw new RegieError(
        'internal',
        bi(
          `Could not extract ${label} from ${shown(basename(x.zipPath))}: ${detail}`,
          `Impossible d'extraire ${label} de ${shown(basename(x.zipPath))} : ${detail}`,
        ),
        { cause: error },
      );
    }
    throw zipError(
      x.zipPath,
      bi(`entry ${label} is corrupt (${detail})`, `l'entrée ${label} est corrompue (${detail})`),
      error,
    );
  }
}

/** `<root>/<entry name>`, refusing anything that would not land strictly inside root. */
function outputPath(x: Extraction, entryName: string): string {
  const target = resolve(x.root, ...entryName.split('/'));
  const prefix = x.root.endsWith(sep) ? x.root : x.root + sep;
  if (!target.startsWith(prefix)) {
    throw zipError(
      x.zipPath,
      bi(
        `entry "${shown(entryName)}" would be written outside the extraction folder`,
        `l'entrée « ${shown(entryName)} » serait écrite hors du dossier d'extraction`,
      ),
    );
  }
  return target;
}

/** Extracts one entry to a temporary name beside its target, then renames it into place. */
async function extractEntry(x: Extraction, item: CheckedEntry): Promise<string> {
  const target = outputPath(x, normalizedName(item.info.name));
  if (await exists(target)) {
    throw new RegieError(
      'conflict',
      bi(
        `${target} already exists; Régie does not overwrite it`,
        `${target} existe déjà ; Régie ne l'écrase pas`,
      ),
    );
  }
  await x.written.mkdir(dirname(target));
  const temporary = resolve(dirname(target), `.${basename(target)}.${randomUUID()}.part`);
  x.written.addFile(temporary);
  await streamEntry(x, item, createWriteStream(temporary, { flags: 'wx' }));
  x.written.addFile(target);
  await rename(temporary, target);
  return target;
}

async function readSmall(x: Extraction, item: CheckedEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await streamEntry(x, item, collect);
  return Buffer.concat(chunks);
}

/** The ZIP's basename without extension must be one plain folder name to be used as a path. */
function checkedMediaName(zipPath: string): string {
  const mediaName = basename(zipPath, extname(zipPath));
  const reason = unsafePathReason(mediaName);
  if (reason || mediaName === '.' || mediaName.includes('/')) {
    throw zipError(
      zipPath,
      bi(
        'the file name cannot be used as the folder name inside the ZIP',
        'le nom du fichier ne peut pas servir de nom de dossier dans le ZIP',
      ),
    );
  }
  return mediaName;
}

/**
 * `src` from the SMIL → the entry name under `<mediaName>/`, or an error if it would leave that
 * folder. Pod joins them as is (`zip.read(media_name + "/" + src)`); Régie normalises `./`.
 */
function entryNameFor(zipPath: string, mediaName: string, src: string, what: Bilingual): string {
  const reason = unsafePathReason(src);
  const name = posix.normalize(`${mediaName}/${src}`);
  if (reason || !name.startsWith(`${mediaName}/`)) {
    throw zipError(
      zipPath,
      bi(
        `cours.smil names ${what.en} "${shown(src)}", which is not a path inside ${mediaName}/${reason ? `: ${reason.en}` : ''}`,
        `cours.smil désigne ${what.fr} « ${shown(src)} », qui n'est pas un chemin dans ${mediaName}/${reason ? ` : ${reason.fr}` : ''}`,
      ),
    );
  }
  return name;
}

/**
 * Reads a mediacours ZIP (../shared/reference/pod-behaviour.md §1.5.2) into `destDir`: checks
 * the central directory, parses `<mediaName>/cours.smil`, and streams the media and the slide
 * images out under `<destDir>/<mediaName>/`. The ZIP is untrusted: names are checked against
 * zip-slip, sizes against the limits and against the bytes really inflated. On any failure
 * everything this call wrote is removed; nothing is ever written outside `destDir`.
 */
export async function extractAudiovideocast(
  zipPath: string,
  destDir: string,
  options: ExtractOptions = {},
): Promise<AudiovideocastContent> {
  options.signal?.throwIfAborted();
  const limits = resolveLimits(options.limits);
  const mediaName = checkedMediaName(zipPath);
  const { zip, entries } = await openCheckedZip(zipPath, limits);
  const byName = new Map(entries.map((e) => [normalizedName(e.info.name), e]));
  const x: Extraction = {
    zipPath,
    zip,
    root: resolve(destDir),
    written: new Written(),
    limits,
    bytesWritten: 0,
    signal: options.signal,
  };
  try {
    // Exact name, in the folder named like the ZIP (§8.1.13).
    const smilName = `${mediaName}/cours.smil`;
    const smilEntry = byName.get(smilName);
    if (!smilEntry || smilEntry.info.isDirectory) {
      throw zipError(zipPath, bi(`missing ${smilName}`, `${smilName} manquant`));
    }
    if (smilEntry.info.uncompressedSize > maxSmilBytes) {
      throw zipError(zipPath, bi(`${smilName} is larger than 5 MiB`, `${smilName} dépasse 5 Mio`));
    }
    const smilLabel = `${shown(basename(zipPath))} › ${smilName}`;
    const smil = parseSmil(decodeSmilBytes(await readSmall(x, smilEntry), smilLabel), smilLabel);

    // Pod §8.1.14 creates the video even when the SMIL has no <img>, then leaves the ZIP on
    // the FTP, skipped only because a Recording row exists. Régie refuses the file clearly
    // instead, before writing anything: a mediacours without slides is not what was recorded.
    if (smil.images.length === 0) {
      throw zipError(
        zipPath,
        bi(
          `No slides node found: ${smilName} has no <img>`,
          `aucune diapositive trouvée : ${smilName} ne contient aucun <img>`,
        ),
      );
    }
    const slides = slidesFromImages(smil.images, {
      skipFirst: options.skipFirstImage ?? false,
      durationS: null,
    });

    const mediaEntryName = entryNameFor(
      zipPath,
      mediaName,
      smil.mediaSrc,
      bi('the media', 'le média'),
    );
    const mediaEntry = byName.get(mediaEntryName);
    if (!mediaEntry || mediaEntry.info.isDirectory) {
      throw zipError(
        zipPath,
        bi(
          `the media ${mediaEntryName} named by ${smilName} is not in the ZIP`,
          `le média ${mediaEntryName} désigné par ${smilName} n'est pas dans le ZIP`,
        ),
      );
    }
    // Every image path is checked before the first byte is written.
    const imageNames = slides.map((slide) =>
      slide.src === ''
        ? null
        : entryNameFor(zipPath, mediaName, slide.src, bi('the image', "l'image")),
    );

    await x.written.mkdir(x.root);
    const mediaPath = await extractEntry(x, mediaEntry);

    // Pod's zip.read() raises on a missing image and its thread dies mid-way; an empty one is
    // logged ("file … is empty") and the slide kept without image. Régie keeps the slide
    // without image in both cases, and extracts an image used by several slides once.
    const extracted = new Map<string, string | null>();
    const withImages: AudiovideocastContent['slides'] = [];
    for (const [i, slide] of slides.entries()) {
      const name = imageNames[i] ?? null;
      let imagePath = name === null ? null : extracted.get(name);
      if (name !== null && imagePath === undefined) {
        const item = byName.get(name);
        const isUsable = item && !item.info.isDirectory && item.info.uncompressedSize > 0;
        imagePath = isUsable && item !== mediaEntry ? await extractEntry(x, item) : null;
        extracted.set(name, imagePath);
      }
      withImages.push({ ...slide, imagePath: imagePath ?? null });
    }
    return { mediaName, smilTitle: smil.title, mediaPath, slides: withImages };
  } catch (error) {
    await x.written.undo();
    throw error;
  } finally {
    await closeZip(zip);
  }
}
