/**
 * The console's Content-Security-Policy, written once for both faces that serve the renderer:
 * the web host (a response header, src-main/host/pages.ts) and the Electron window (a header on
 * the file:// page, src-main/electron/window.ts), which also reads media through its own
 * `regie-media:` scheme.
 * - Mantine injects its CSS variables in a <style> element, hence 'unsafe-inline' for styles only.
 * - Images may come from any http(s) host: BBB recording previews live on the BBB server.
 * - hls.js fetches a webinar's live playlist and segments (XHR/fetch, so connect-src) from the
 *   live gateway's own host (`https://live.univ.fr/hls/name.m3u8`, issue #13), which the
 *   operator sets per gateway: any http(s) host, as for images.
 */
export function contentSecurityPolicy(options: { mediaSchemes?: readonly string[] } = {}): string {
  const media = (options.mediaSchemes ?? []).join(' ');
  const withMedia = (sources: string) => (media ? `${sources} ${media}` : sources);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${withMedia("'self' data: blob:")} https: http:`,
    `media-src ${withMedia("'self' blob:")}`,
    "connect-src 'self' http: https:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
