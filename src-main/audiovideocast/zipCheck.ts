import { close, open } from 'node:fs';
import { basename, posix } from 'node:path';
import { promisify } from 'node:util';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';

/**
 * What an uploaded ZIP may declare before Régie refuses it. Every ZIP that reaches Régie comes
 * from an FTP drop or an upload, so it is untrusted input: these limits stop a zip bomb or a
 * million-entry archive before a byte is extracted.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes the central directory declares. */
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Uncompressed / compressed, checked for entries (and the whole archive) above 1 MiB. */
  maxRatio: number;
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

export const defaultZipLimits: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 10_000,
  maxTotalBytes: 20 * GiB,
  maxEntryBytes: 20 * GiB,
  maxRatio: 200,
});

/** Below this size a high ratio is harmless (a text file of spaces), so it is not checked. */
export const ratioCheckFromBytes = MiB;

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  isDirectory: boolean;
}

/** An entry that passed every check, with yauzl's handle so it can be streamed out later. */
export interface CheckedEntry {
  info: ZipEntryInfo;
  entry: Entry;
}

export interface CheckedZip {
  zip: ZipFile;
  entries: CheckedEntry[];
}

export const resolveLimits = (limits?: Partial<ZipLimits>): ZipLimits => ({
  ...defaultZipLimits,
  ...limits,
});

/** A name from the archive, safe to put in a message and a log line. */
export function shown(name: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

export function zipError(zipPath: string, text: Bilingual, cause?: unknown): RegieError {
  const zip = shown(basename(zipPath));
  return new RegieError('validation', bi(`${zip}: ${text.en}`, `${zip} : ${text.fr}`), { cause });
}

/**
 * Why a relative path from untrusted input (a ZIP entry name, a `src` in the SMIL) cannot be
 * used as a path under the extraction folder, or null if it can. Zip-slip: an absolute path, a
 * drive letter or a `..` segment would write outside the folder; a backslash is a separator on
 * Windows, so `a\..\..\x` is refused rather than interpreted.
 */
export function unsafePathReason(name: string): Bilingual | null {
  if (name === '') return bi('the name is empty', 'le nom est vide');
  if (name.includes('\0'))
    return bi('the name contains a NUL byte', 'le nom contient un octet NUL');
  if (name.includes('\\')) {
    return bi('the name contains a backslash', 'le nom contient une barre oblique inverse');
  }
  if (name.startsWith('/')) return bi('the path is absolute', 'le chemin est absolu');
  if (/^[a-zA-Z]:/.test(name)) {
    return bi(
      'the path starts with a drive letter',
      'le chemin commence par une lettre de lecteur',
    );
  }
  if (name.split('/').includes('..')) {
    return bi(
      'the path contains a ".." segment (zip-slip)',
      'le chemin contient un segment « .. » (zip-slip)',
    );
  }
  return null;
}

/** `a//b/./c/` → `a/b/c`, for lookups and duplicate detection. */
export const normalizedName = (name: string): string => posix.normalize(name).replace(/\/$/, '');

const sizeText = (bytes: number): string =>
  bytes >= GiB
    ? `${(bytes / GiB).toFixed(1)} GiB`
    : bytes >= MiB
      ? `${(bytes / MiB).toFixed(1)} MiB`
      : `${String(bytes)} B`;

function checkEntry(zipPath: string, entry: Entry, name: string, limits: ZipLimits): void {
  const label = `"${shown(name)}"`;
  const reason = unsafePathReason(name);
  if (reason) {
    throw zipError(
      zipPath,
      bi(`entry ${label} is refused: ${reason.en}`, `l'entrée ${label} est refusée : ${reason.fr}`),
    );
  }
  const { compressedSize, uncompressedSize } = entry;
  if (uncompressedSize > limits.maxEntryBytes) {
    throw zipError(
      zipPath,
      bi(
        `entry ${label} declares ${sizeText(uncompressedSize)}, above the ${sizeText(limits.maxEntryBytes)} limit per entry`,
        `l'entrée ${label} annonce ${sizeText(uncompressedSize)}, au-delà de la limite de ${sizeText(limits.maxEntryBytes)} par entrée`,
      ),
    );
  }
  if (
    uncompressedSize > ratioCheckFromBytes &&
    uncompressedSize / Math.max(compressedSize, 1) > limits.maxRatio
  ) {
    const ratio = Math.round(uncompressedSize / Math.max(compressedSize, 1));
    throw zipError(
      zipPath,
      bi(
        `entry ${label} expands ${String(ratio)} times (${sizeText(compressedSize)} → ${sizeText(uncompressedSize)}), above the ratio limit of ${String(limits.maxRatio)}: this looks like a zip bomb`,
        `l'entrée ${label} se décompresse ${String(ratio)} fois (${sizeText(compressedSize)} → ${sizeText(uncompressedSize)}), au-delà du rapport maximal de ${String(limits.maxRatio)} : cela ressemble à une bombe ZIP`,
      ),
    );
  }
  // yauzl's own size validation is off (so that our messages name the entry): a stored entry
  // must declare the same size twice.
  if (
    entry.compressionMethod === 0 &&
    !entry.isEncrypted() &&
    compressedSize !== uncompressedSize
  ) {
    throw zipError(
      zipPath,
      bi(
        `stored entry ${label} declares two different sizes (${String(compressedSize)} and ${String(uncompressedSize)} bytes)`,
        `l'entrée stockée ${label} annonce deux tailles différentes (${String(compressedSize)} et ${String(uncompressedSize)} octets)`,
      ),
    );
  }
}

/**
 * Closes the file and waits until its descriptor is really closed (yauzl closes it once the
 * last entry stream has ended), so that a caller can delete or move the ZIP right after.
 */
export function closeZip(zip: ZipFile): Promise<void> {
  if (!zip.isOpen) return Promise.resolve();
  return new Promise((resolve) => {
    // A failing close(2) is reported as 'error': the file is released either way.
    const done = () => {
      zip.off('close', done);
      zip.off('error', done);
      resolve();
    };
    zip.once('close', done);
    zip.once('error', done);
    zip.close();
  });
}

const openFd = promisify(open);
const closeFd = promisify(close);

async function openZip(zipPath: string): Promise<ZipFile> {
  let fd: number;
  try {
    fd = await openFd(zipPath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new RegieError(
        'not_found',
        bi(`${zipPath} does not exist`, `${zipPath} n'existe pas`),
        {
          cause: error,
        },
      );
    }
    throw unreadable(zipPath, error);
  }
  try {
    // From our own descriptor rather than yauzl.open, which closes it only after reporting a
    // failure: the caller may move a refused ZIP aside at once.
    // lazyEntries: we read the central directory one entry at a time and can stop at the first
    // bad one. autoClose is off because extract.ts opens entry streams after the listing;
    // every caller closes with closeZip(). decodeStrings is off so that yauzl does not reject
    // names with its own English-only message: checkEntry does it, with the reason, in both
    // languages. validateEntrySizes is off for the same reason: checkEntry and the extraction's
    // byte counter do it.
    return await yauzl.fromFdPromise(fd, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: false,
    });
  } catch (error) {
    await closeFd(fd);
    throw unreadable(zipPath, error);
  }
}

const unreadable = (zipPath: string, error: unknown): RegieError => {
  const detail = error instanceof Error ? error.message : String(error);
  return zipError(
    zipPath,
    bi(
      `not a ZIP file, or its central directory cannot be read (${detail})`,
      `ce n'est pas un fichier ZIP, ou son répertoire central est illisible (${detail})`,
    ),
    error,
  );
};

/**
 * Opens a ZIP and reads and checks its whole central directory (never the file data). The
 * caller owns the returned handle and must `closeZip()` it.
 */
export async function openCheckedZip(
  zipPath: string,
  limits?: Partial<ZipLimits>,
): Promise<CheckedZip> {
  const max = resolveLimits(limits);
  const zip = await openZip(zipPath);
  try {
    const tooMany = (count: number) =>
      zipError(
        zipPath,
        bi(
          `${String(count)} entries, above the limit of ${String(max.maxEntries)}`,
          `${String(count)} entrées, au-delà de la limite de ${String(max.maxEntries)}`,
        ),
      );
    // The end-of-central-directory record says how many entries follow: refuse before reading.
    if (zip.entryCount > max.maxEntries) throw tooMany(zip.entryCount);

    const entries: CheckedEntry[] = [];
    const seen = new Set<string>();
    let totalBytes = 0;
    let totalCompressed = 0;
    for await (const entry of zip.eachEntry()) {
      if (entries.length >= max.maxEntries) throw tooMany(entries.length + 1);
      // strictFileNames: keep backslashes as they are so that checkEntry refuses them.
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        true,
      );
      checkEntry(zipPath, entry, name, max);
      const key = normalizedName(name);
      if (seen.has(key)) {
        // Two entries for one path: which one a tool extracts is a matter of luck.
        throw zipError(
          zipPath,
          bi(
            `the entry "${shown(key)}" appears twice`,
            `l'entrée « ${shown(key)} » apparaît deux fois`,
          ),
        );
      }
      seen.add(key);
      totalBytes += entry.uncompressedSize;
      totalCompressed += entry.compressedSize;
      if (totalBytes > max.maxTotalBytes) {
        throw zipError(
          zipPath,
          bi(
            `the entries declare more than ${sizeText(max.maxTotalBytes)} in total once extracted`,
            `les entrées annoncent plus de ${sizeText(max.maxTotalBytes)} au total une fois extraites`,
          ),
        );
      }
      entries.push({
        entry,
        info: {
          name,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          isDirectory: name.endsWith('/'),
        },
      });
    }
    // Entries whose data overlap (the "overlapping files" zip bomb) add up to more compressed
    // bytes than the file holds; each may look harmless alone.
    if (totalCompressed > zip.fileSize) {
      throw zipError(
        zipPath,
        bi(
          'its entries overlap (they declare more compressed data than the file holds): this looks like a zip bomb',
          "ses entrées se chevauchent (elles annoncent plus de données compressées que le fichier n'en contient) : cela ressemble à une bombe ZIP",
        ),
      );
    }
    // Many entries just under the per-entry threshold add up to a bomb too.
    if (totalBytes > ratioCheckFromBytes && totalBytes / Math.max(zip.fileSize, 1) > max.maxRatio) {
      throw zipError(
        zipPath,
        bi(
          `its entries expand to ${sizeText(totalBytes)} from a ${sizeText(zip.fileSize)} file, above the ratio limit of ${String(max.maxRatio)}: this looks like a zip bomb`,
          `ses entrées se décompressent en ${sizeText(totalBytes)} à partir d'un fichier de ${sizeText(zip.fileSize)}, au-delà du rapport maximal de ${String(max.maxRatio)} : cela ressemble à une bombe ZIP`,
        ),
      );
    }
    return { zip, entries };
  } catch (error) {
    await closeZip(zip);
    throw error instanceof RegieError ? error : unreadable(zipPath, error);
  }
}

/**
 * Reads and checks the central directory of an untrusted ZIP: Régie's integrity check for
 * `.zip` uploads ("the ZIP central directory reads") and the first step of every extraction.
 * Refuses, with the file and the reason: not a ZIP, a name that would escape the extraction
 * folder, too many entries, too many bytes, a zip-bomb ratio.
 */
export async function readZipDirectory(
  path: string,
  limits?: Partial<ZipLimits>,
): Promise<ZipEntryInfo[]> {
  const { zip, entries } = await openCheckedZip(path, limits);
  await closeZip(zip);
  return entries.map((e) => e.info);
}
