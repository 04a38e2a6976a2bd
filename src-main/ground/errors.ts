import type { Bilingual, ErrorCode, WireError } from '../../src-preload/contract';

export const bi = (en: string, fr: string): Bilingual => ({ en, fr });

export interface RegieErrorOptions {
  fieldErrors?: Record<string, Bilingual>;
  /** The technical detail beside the message (an errno, an exit code): no stack, no secret. */
  detail?: string;
  /** The exact command line that failed, for the job's "copy" button. */
  command?: string;
  /** The end of that command's stderr, joined with `\n`. */
  stderrTail?: string;
  cause?: unknown;
}

/**
 * The one base of every error the core throws on purpose: a stable code the UI and the CLI act
 * on, a message in both languages (one or two lines: what failed, on what, the likely fix), and
 * a technical detail beside it. Capabilities subclass it (BbbError, ProgramError, EncodeError…);
 * the job queue, the CLI and the bridges read only these fields.
 */
export class RegieError extends Error {
  readonly code: ErrorCode;
  readonly text: Bilingual;
  readonly fieldErrors: Record<string, Bilingual> | undefined;
  readonly detail: string | undefined;
  readonly command: string | undefined;
  readonly stderrTail: string;

  constructor(code: ErrorCode, text: Bilingual, options?: RegieErrorOptions) {
    super(text.en, { cause: options?.cause });
    this.name = 'RegieError';
    this.code = code;
    this.text = text;
    this.fieldErrors = options?.fieldErrors;
    this.detail = options?.detail;
    this.command = options?.command;
    this.stderrTail = options?.stderrTail ?? '';
  }
}

/** A form's errors, one per field, all reported at once rather than the first only. */
export function validationError(fieldErrors: Record<string, Bilingual>): RegieError {
  const fields = Object.keys(fieldErrors);
  const lines = fields.map((f) => `${f}: ${fieldErrors[f]?.en ?? ''}`);
  const linesFr = fields.map((f) => `${f} : ${fieldErrors[f]?.fr ?? ''}`);
  return new RegieError('validation', bi(lines.join('; '), linesFr.join(' ; ')), { fieldErrors });
}

/**
 * Node's system errors an operator can meet and fix (a full disk, a missing program, a folder
 * Régie may not write), said as a RegieError; anything else is unexpected and stays as it is.
 */
export function asRegieError(error: unknown): unknown {
  if (error instanceof RegieError || !(error instanceof Error)) return error;
  const { code, path, syscall } = error as NodeJS.ErrnoException & { path?: string };
  const where = path ?? '';
  const detail = error.message;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new RegieError(
      'disk',
      bi(
        `The disk is full${where ? ` (writing ${where})` : ''}. Free some space, then retry.`,
        `Le disque est plein${where ? ` (écriture de ${where})` : ''}. Libérez de la place, puis réessayez.`,
      ),
      { detail, cause: error },
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new RegieError(
      'disk',
      bi(
        `Régie may not write ${where || 'a file'}. Check the folder's owner and permissions.`,
        `Régie n'a pas le droit d'écrire ${where || 'un fichier'}. Vérifiez le propriétaire et les droits du dossier.`,
      ),
      { detail, cause: error },
    );
  if (code === 'ENOENT' && syscall?.startsWith('spawn'))
    return new RegieError(
      'program',
      bi(
        `The program ${where} is not installed or not on the PATH. Install it, or set its path in the settings.`,
        `Le programme ${where} n'est pas installé ou pas dans le PATH. Installez-le, ou indiquez son chemin dans les réglages.`,
      ),
      { detail, cause: error },
    );
  return error;
}

export function toWireError(error: unknown): WireError {
  const known = asRegieError(error);
  if (known instanceof RegieError) {
    return {
      code: known.code,
      message: known.text,
      ...(known.detail !== undefined ? { detail: known.detail } : {}),
      ...(known.fieldErrors ? { fieldErrors: known.fieldErrors } : {}),
    };
  }
  const detail = known instanceof Error ? known.message : String(known);
  return {
    code: 'internal',
    message: bi(`Internal error: ${detail}`, `Erreur interne : ${detail}`),
  };
}
