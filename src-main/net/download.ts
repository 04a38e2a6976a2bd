import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getGlobalDispatcher, interceptors, request, type Dispatcher } from 'undici';
import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';

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

/** A recording's download that failed: the URL shown without its query (it may hold a token). */
export class DownloadError extends RegieError {
  readonly status: number | null;

  constructor(init: { url: string; what: Bilingual; detail: string; status?: number | null }) {
    const url = init.url.replace(/[?#].*$/, '');
    super(
      'remote',
      bi(
        `Download of ${url} failed: ${init.what.en}. It resumes at the next try; check that the recording is still on its server.`,
        `Le téléchargement de ${url} a échoué : ${init.what.fr}. Il reprendra au prochain essai ; vérifiez que l'enregistrement est toujours sur son serveur.`,
      ),
      { detail: init.detail },
    );
    this.name = 'DownloadError';
    this.status = init.status ?? null;
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
    const code = (error as NodeJS.ErrnoException).code ?? 'network error';
    throw new DownloadError({
      url: options.url,
      what: bi(`no answer (${code})`, `pas de réponse (${code})`),
      detail: `cannot reach ${new URL(options.url).host}: ${(error as Error).message}`,
    });
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
    const status = `HTTP ${String(statusCode)}`;
    throw new DownloadError({
      url: options.url,
      what: bi(status, status),
      detail: status,
      status: statusCode,
    });
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
    const bytes = `${String(size)} / ${String(total)}`;
    throw new DownloadError({
      url: options.url,
      what: bi(`incomplete (${bytes} bytes)`, `incomplet (${bytes} octets)`),
      detail: `incomplete download: ${bytes} bytes`,
    });
  }
  await rename(part, options.dest);
  return { bytes: size, resumedFrom: resumed };
}
