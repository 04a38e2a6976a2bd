import type { Bilingual } from '../../src-preload/contract';
import { asRegieError, bi, RegieError } from '../ground/errors';

/** A cancel is a status, not an error (STYLE.md, "Errors"). */
export function isAbort(error: unknown): boolean {
  if (error instanceof RegieError) return error.code === 'cancelled';
  return error instanceof Error && error.name === 'AbortError';
}

/** What the job row says about a failure, in both languages. */
export function describeFailure(error: unknown): Bilingual {
  const known = asRegieError(error);
  if (known instanceof RegieError) return known.text;
  const detail = known instanceof Error ? known.message : String(known);
  return bi(`Internal error: ${detail}`, `Erreur interne : ${detail}`);
}
