import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type SftpClient from 'ssh2-sftp-client';
import { bi } from '../ground/errors';
import { TimeoutError } from './connection';
import type { SftpDownloadProgress } from './types';

export interface DownloadTarget {
  relPath: string;
  remotePath: string;
  localPath: string;
  /** The version being fetched: the `.part` is only resumed for that same version. */
  size: number;
  mtimeMs: number;
}

const PROGRESS_EVERY_MS = 250;

export const partPathOf = (localPath: string) => `${localPath}.part`;
/** Which remote version the `.part` holds the beginning of, so a restart can resume it safely. */
const versionPathOf = (localPath: string) => `${localPath}.part.json`;

const sizeOf = (file: string) =>
  stat(file).then(
    (s) => s.size,
    () => 0,
  );

async function resumeOffset(target: DownloadTarget): Promise<number> {
  const part = partPathOf(target.localPath);
  const versionFile = versionPathOf(target.localPath);
  const wanted = JSON.stringify({ size: target.size, mtimeMs: target.mtimeMs });
  const held = await readFile(versionFile, 'utf8').catch(() => '');
  const length = await sizeOf(part);
  if (held === wanted && length <= target.size) return length;
  // Another version of the file (or an unknown one): its beginning may differ, start again.
  await writeFile(part, '');
  await writeFile(versionFile, wanted);
  return 0;
}

/**
 * Downloads the remote file into `<local>.part`, continuing from the length the `.part` already
 * has when it holds the same version, and reading no further than the version's size. Every byte
 * received is written before a failure is reported, so the next attempt resumes after it.
 * Returns the offset this attempt started from.
 */
export async function downloadToPart(
  client: SftpClient,
  target: DownloadTarget,
  options: {
    signal: AbortSignal;
    /** A transfer that receives nothing for this long fails with a TimeoutError. */
    stallMs: number;
    onProgress?: (progress: SftpDownloadProgress) => void;
  },
): Promise<number> {
  await mkdir(dirname(target.localPath), { recursive: true });
  const startOffset = await resumeOffset(target);
  let downloaded = startOffset;
  let lastReport = 0;
  const report = (isFinal: boolean) => {
    const at = performance.now();
    if (!isFinal && downloaded !== startOffset && at - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = at;
    options.onProgress?.({ relPath: target.relPath, size: target.size, startOffset, downloaded });
  };
  if (startOffset >= target.size) return startOffset;

  options.signal.throwIfAborted();
  const input = client.createReadStream(target.remotePath, {
    start: startOffset,
    end: target.size - 1,
  });
  const output = createWriteStream(partPathOf(target.localPath), { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    let failure: unknown;
    const fail = (error: unknown) => {
      failure ??= error;
      input.unpipe(output);
      input.destroy();
      // end(), not destroy(): what was received reaches the disk and counts for the resume.
      output.end();
    };
    const onAbort = () => fail(options.signal.reason);
    options.signal.addEventListener('abort', onAbort, { once: true });
    const seconds = String(options.stallMs / 1000);
    const stalled = () =>
      fail(
        new TimeoutError(
          bi(
            `no data for ${seconds} s from ${target.relPath}`,
            `aucune donnée en ${seconds} s pour ${target.relPath}`,
          ),
        ),
      );
    const watchdog = setTimeout(stalled, options.stallMs);
    input.on('data', (chunk: Buffer) => {
      downloaded += chunk.length;
      watchdog.refresh();
      report(false);
    });
    // on, not once: ssh2's ReadStream emits one error per pending read when the channel closes.
    input.on('error', fail);
    output.on('error', (error) => {
      failure ??= error;
      input.destroy();
      output.destroy();
    });
    output.once('close', () => {
      clearTimeout(watchdog);
      options.signal.removeEventListener('abort', onAbort);
      if (failure === undefined) resolve();
      else reject(failure instanceof Error ? failure : new Error(String(failure)));
    });
    input.pipe(output);
  });
  report(true);
  return startOffset;
}

/** Length of the `.part` file, to check against the remote size before promoting it. */
export const partSize = (localPath: string) => sizeOf(partPathOf(localPath));

/** The `.part` becomes the final file, and the version note goes. */
export async function promotePart(localPath: string): Promise<void> {
  await rename(partPathOf(localPath), localPath);
  await rm(versionPathOf(localPath), { force: true });
}

/** Removes a partial download and its version note. */
export async function removePart(localPath: string): Promise<void> {
  await rm(partPathOf(localPath), { force: true });
  await rm(versionPathOf(localPath), { force: true });
}
