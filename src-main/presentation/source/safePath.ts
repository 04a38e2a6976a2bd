/** Longer than any path BBB writes (`presentation/<41+13 chars>/svgs/slide123.svg` is ~80). */
const MAX_LENGTH = 300;
const ALLOWED = /^[A-Za-z0-9._/-]+$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * The one gate for a path named inside a recording (an `href` in shapes.svg, a file in a slide
 * SVG): the recording is untrusted input (issue 10 §5), so only a plain relative path below the
 * recording's folder passes — no scheme, no absolute path, no `..` (even percent-encoded), no
 * backslash, no NUL, nothing outside `[A-Za-z0-9._/-]` once decoded. Returns the decoded path,
 * or null when refused. Both the fetcher and the renderer call it.
 */
export function safeRelativePath(href: string): string | null {
  if (href.length === 0 || href.length > MAX_LENGTH * 3) return null;
  if (href.includes('\0') || href.includes('\\') || SCHEME.test(href)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    return null;
  }
  if (decoded.length > MAX_LENGTH || !ALLOWED.test(decoded)) return null;
  // `/x` is absolute; `a//b`, `./a`, `a/./b` and `..` are not how BBB names files.
  const segments = decoded.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;
  return decoded;
}
