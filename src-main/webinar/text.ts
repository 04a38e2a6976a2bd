/**
 * A name or message typed by a person, as one line: control characters (newlines included) made
 * spaces, runs of spaces folded, ends trimmed; at most `maxChars` characters (code points) when
 * given, so an emoji is never cut in half.
 */
export function oneLine(text: string, maxChars?: number): string {
  const line = text
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return maxChars === undefined ? line : [...line].slice(0, maxChars).join('');
}
