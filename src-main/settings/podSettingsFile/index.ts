/**
 * Reads the simple `NAME = <literal>` assignments of an Esup-Pod `settings_local.py` without
 * running Python. Anything that would need evaluating (imports, calls, names, operators, blocks)
 * is reported in `skipped` with a short reason instead, so an admin can see what was not read.
 *
 * Shape: a lexer cuts the source into logical lines of tokens (Python's rules for brackets,
 * backslash continuations, comments and strings), then each top-level statement is classified
 * and its value read by a small recursive-descent literal parser.
 */
import { Buffer } from 'node:buffer';

import { Lexer } from './lexer';
import { belongsToBlock, handleTopLevelLine, SettingsCollector } from './statements';
import type { OpenBlock } from './statements';
import type { ParsedPodSettings } from './types';

export type { ParsedPodSettings, PodAssignment, PyValue, SkippedStatement } from './types';

const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/**
 * Parses a Pod settings file. Never throws on malformed Python: broken statements are skipped.
 * Throws only when the source is not a string or is larger than 2 MiB in UTF-8, which bounds the
 * work done.
 */
export function parsePodSettings(source: string): ParsedPodSettings {
  assertWithinLimit(source);
  const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const collector = new SettingsCollector();
  let block: OpenBlock | null = null;
  for (const line of new Lexer(src).logicalLines()) {
    if (block !== null && belongsToBlock(line, block)) continue;
    block = null;
    if (line.indented) {
      const entry = { name: null, line: line.line, reason: 'unexpected indent' };
      collector.skip(entry, []);
      block = { kind: 'indent' };
      continue;
    }
    block = handleTopLevelLine(line, src, collector);
  }
  return collector.result();
}

function assertWithinLimit(source: string): void {
  if (typeof source !== 'string') throw new TypeError('Pod settings source must be a string');
  // A UTF-8 encoding is never shorter than the UTF-16 length, so check that cheap bound first.
  if (source.length > MAX_SOURCE_BYTES || Buffer.byteLength(source, 'utf8') > MAX_SOURCE_BYTES) {
    throw new Error(
      `Pod settings file is too large to parse: more than ${MAX_SOURCE_BYTES} bytes (2 MiB).`,
    );
  }
}
