import { readFileSync } from 'node:fs';
import { RegieError } from '../ground/errors';

export interface CliIo {
  argv: string[];
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilStopped: () => Promise<void>;
}

/** Bad command-line input: exit status 2, with the argument named. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Prints rows as an aligned table, or nothing but a note when there are none. */
export function table(rows: Record<string, string>[], empty: string): string {
  const first = rows[0];
  if (!first) return `${empty}\n`;
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    [line(columns), ...rows.map((r) => line(columns.map((c) => r[c] ?? '')))].join('\n') + '\n'
  );
}

/**
 * Core validation errors name fields (`addressIp`); on the command line they are reported with
 * the option the user typed (`--ip`).
 */
export function asUsageError(error: RegieError, options: Record<string, string>): UsageError {
  const fields = error.fieldErrors ?? {};
  const lines = Object.entries(fields).map(
    ([field, why]) => `${options[field] ?? field}: ${why.en}`,
  );
  return new UsageError(lines.length > 0 ? lines.join('\n') : error.text.en);
}

/**
 * Re-throws a core validation error as a UsageError naming the options the user typed, so the
 * command exits 2 with `--ip: …` rather than `addressIp: …`.
 */
export function namingOptions(options: Record<string, string>): (error: unknown) => never {
  return (error) => {
    throw error instanceof RegieError && error.code === 'validation'
      ? asUsageError(error, options)
      : error;
  };
}

/**
 * A secret read from a file named on the command line (never from argv itself): the file's text
 * without its final newline. `option` names the option in the error.
 */
export function readSecretFile(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new UsageError(
      `${option}: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
