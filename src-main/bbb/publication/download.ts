import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getGlobalDispatcher, interceptors, request, type Dispatcher } from 'undici';

export interface DownloadOptions {
  url: string;
  /** Final path; bytes go to `<dest>.part` first and are renamed when complete. */
  dest: string;
  signal?: AbortSignal;
  /** No byte for this long is a failure (the next try resumes). Default 60 s. */
  idleTimeoutMs?: number;
  dispatcher?: Dispatcher;
  onProgress?: (received: number, total: number | null) => void;
}

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

const sizeOf = async (path: string): Promise<number> =>
  stat(path).then(
    (s) => s.size,
    () => 0,
  );

/**
 * Downloads `url` to `dest`, resuming a `.part` left by an earlier try with a Range request;
 * a server that ignores the range restarts from zero. The file is renamed into place only when
 * its size equals the announced total, so a half file never looks whole. Follows redirects
 * (Scalelite's protected recordings answer 307).
 */
export async function downloadResumable(
  options: DownloadOptions,
): Promise<{ bytes: number; resumedFrom: number }> {
  const part = `${options.dest}.part`;
  await mkdir(dirname(options.dest), { recursive: true });
  const have = await sizeOf(part);
  const idle = options.idleTimeoutMs ?? 60_000;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(options.url, {
      method: 'GET',
      headers: have > 0 ? { range: `bytes=${String(have)}-` } : {},
      headersTimeout: idle,
      bodyTimeout: idle,
      ...(options.signal ? { signal: options.signal } : {}),
      dispatcher: (options.dispatcher ?? getGlobalDispatcher()).compose(
        interceptors.redirect({ maxRedirections: 5 }),
      ),
    });
  } catch (error) {
    throw new DownloadError(
      `cannot reach ${new URL(options.url).host}: ${(error as Error).message}`,
    );
  }
  const { statusCode } = response;
  if (statusCode === 416 && have > 0) {
    // The part is already whole: the server has nothing after it.
    await response.body.dump();
    await rename(part, options.dest);
    return { bytes: have, resumedFrom: have };
  }
  if (statusCode !== 200 && statusCode !== 206) {
    await response.body.dump();
    throw new DownloadError(`HTTP ${String(statusCode)}`, statusCode);
  }
  const resumed = statusCode === 206 ? have : 0;
  const range = /\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
  const length = Number(response.headers['content-length'] ?? NaN);
  const total = range ? Number(range[1]) : Number.isFinite(length) ? resumed + length : null;
  let received = resumed;
  response.body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    options.onProgress?.(received, total);
  });
  await pipeline(response.body, createWriteStream(part, { flags: resumed > 0 ? 'a' : 'w' }));
  const size = await sizeOf(part);
  if (total !== null && size !== total) {
    throw new DownloadError(
      `incomplete download: ${String(size)} of ${String(total)} bytes (it resumes at the next try)`,
    );
  }
  await rename(part, options.dest);
  return { bytes: size, resumedFrom: resumed };
}
