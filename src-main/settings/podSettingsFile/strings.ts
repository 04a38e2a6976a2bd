/** Decoding the body of a Python string literal: prefixes and backslash escapes. */
import type { StringFlavor } from './tokens';

export function decodeStringBody(
  body: string,
  prefix: string,
): { flavor: StringFlavor; value: string; error: string | null } {
  const flavor: StringFlavor = prefix.includes('f')
    ? 'fstring'
    : prefix.includes('t')
      ? 'tstring'
      : prefix.includes('b')
        ? 'bytes'
        : 'str';
  // Only plain strings are ever used as values, and raw ones keep their backslashes.
  if (flavor !== 'str' || prefix.includes('r')) return { flavor, value: body, error: null };
  return { flavor, ...decodeEscapes(body) };
}

const SIMPLE_ESCAPES = new Map([
  ['\n', ''],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
  ['a', '\x07'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
]);
const HEX_ESCAPE_LENGTH = new Map([
  ['x', 2],
  ['u', 4],
  ['U', 8],
]);

function decodeEscapes(body: string): { value: string; error: string | null } {
  let value = '';
  let i = 0;
  for (let slash = body.indexOf('\\'); slash !== -1; slash = body.indexOf('\\', i)) {
    value += body.slice(i, slash);
    const escape = readEscape(body, slash + 1);
    if (typeof escape === 'string') return { value: '', error: escape };
    value += escape.text;
    i = escape.next;
  }
  return { value: value + body.slice(i), error: null };
}

/** Decodes the escape whose letter is at `at`; returns an error message when it is invalid. */
function readEscape(body: string, at: number): { text: string; next: number } | string {
  const letter = body.charAt(at);
  const simple = SIMPLE_ESCAPES.get(letter);
  if (simple !== undefined) return { text: simple, next: at + 1 };
  const octal = /^[0-7]{1,3}/.exec(body.slice(at, at + 3))?.[0];
  if (octal !== undefined) {
    return { text: String.fromCharCode(parseInt(octal, 8)), next: at + octal.length };
  }
  const hexLength = HEX_ESCAPE_LENGTH.get(letter);
  if (hexLength !== undefined) {
    const hex = body.slice(at + 1, at + 1 + hexLength);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? parseInt(hex, 16) : -1;
    if (code < 0 || code > 0x10ffff) return `invalid \\${letter} escape in string`;
    return { text: String.fromCodePoint(code), next: at + 1 + hexLength };
  }
  if (letter === 'N') return 'not supported: \\N{…} escapes in strings';
  // Python keeps unknown escapes such as "\d" as written.
  return { text: `\\${letter}`, next: at + 1 };
}
