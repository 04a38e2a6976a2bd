import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export const globalOptions = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * Parses one command's arguments strictly: an unknown option, a missing value or an extra
 * positional argument is a UsageError naming it. A positional named `NAME?` is optional.
 */
export function parseCommand<O extends Options>(args: string[], options: O, positionals: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...globalOptions, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    );
  }
  if (parsed.positionals.length > positionals.length) {
    const extra = parsed.positionals.slice(positionals.length).join(' ');
    throw new UsageError(`unexpected argument(s): ${extra}`);
  }
  const missing = positionals.filter(
    (name, i) => !name.endsWith('?') && parsed.positionals[i] === undefined,
  );
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);
  return parsed;
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} expects a whole number, not "${value}"`);
  return Number(value);
}
