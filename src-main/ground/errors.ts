import type { Bilingual, ErrorCode, WireError } from '../../src-preload/contract';

export const bi = (en: string, fr: string): Bilingual => ({ en, fr });

/**
 * The one error type the core throws on purpose: a code the UI and the CLI act on, a message in
 * both languages, and, for forms, what is wrong with each field.
 */
export class RegieError extends Error {
  readonly code: ErrorCode;
  readonly text: Bilingual;
  readonly fieldErrors: Record<string, Bilingual> | undefined;

  constructor(
    code: ErrorCode,
    text: Bilingual,
    options?: { fieldErrors?: Record<string, Bilingual>; cause?: unknown },
  ) {
    super(text.en, { cause: options?.cause });
    this.name = 'RegieError';
    this.code = code;
    this.text = text;
    this.fieldErrors = options?.fieldErrors;
  }
}

/** A form's errors, one per field, all reported at once rather than the first only. */
export function validationError(fieldErrors: Record<string, Bilingual>): RegieError {
  const fields = Object.keys(fieldErrors);
  const lines = fields.map((f) => `${f}: ${fieldErrors[f]?.en ?? ''}`);
  const linesFr = fields.map((f) => `${f} : ${fieldErrors[f]?.fr ?? ''}`);
  return new RegieError('validation', bi(lines.join('; '), linesFr.join(' ; ')), { fieldErrors });
}

export function toWireError(error: unknown): WireError {
  if (error instanceof RegieError) {
    return {
      code: error.code,
      message: error.text,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: bi(`Internal error: ${detail}`, `Erreur interne : ${detail}`),
  };
}
