/**
 * A file's reason (from the drop-folder check) as the Inbox shows it: the words first, and what
 * ffprobe printed apart, without its `[mov,mp4 @ 0x55a8e4a0f180]` prefixes (a memory address
 * tells an operator nothing). Reasons are written `"name": words. ffprobe: raw` on the main side
 * (media/integrity.ts); older rows may carry the raw prefixes too.
 */
export function explainReason(text: string): { words: string; ffprobe: string | null } {
  const at = text.search(/ ffprobe ?: /);
  const head = at < 0 ? text : text.slice(0, at);
  const raw = at < 0 ? null : text.slice(at).replace(/^ ffprobe ?: /, '');
  const words = capitalize(stripPrefixes(head.replace(/^(?:"[^"]*"|« [^»]* ») ?: /, '')).trim());
  const ffprobe = raw === null ? null : stripPrefixes(raw).trim() || null;
  return { words, ffprobe };
}

/** `[mov,mp4 @ 0x55a8e4a0f180] moov atom not found` → `moov atom not found`. */
function stripPrefixes(text: string): string {
  return text.replace(/\[[^\]@]*@ ?0x[0-9a-f]+\]\s*/gi, '').replace(/\s{2,}/g, ' ');
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
