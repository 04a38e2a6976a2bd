import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { RegieApp } from '../app/app';
import { parseLibraryPath, parseMediaPath } from '../host/media';

export const mediaScheme = 'regie-media';

/** Before `ready`: a streaming scheme, so `<video>` can seek in previews. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: mediaScheme,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ]);
}

/**
 * `regie-media://app/media/file/<id>[/slide/<n>]` and `regie-media://app/library/<id>/<file>`:
 * the desktop app's counterpart of the web host's /media and /library routes. Only paths the core hands out for a preview are served.
 */
export function handleMediaScheme(app: RegieApp): void {
  protocol.handle(mediaScheme, (request) => {
    const pathname = new URL(request.url).pathname;
    const media = parseMediaPath(pathname);
    const library = parseLibraryPath(pathname);
    const path = media
      ? app.mediaPath(media.fileId, media.slide)
      : library
        ? app.libraryFile(library.videoId, library.name)
        : undefined;
    if (path === undefined) return new Response('No preview', { status: 404 });
    return net.fetch(pathToFileURL(path).href, { headers: request.headers });
  });
}
