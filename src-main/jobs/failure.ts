import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { ProgramError } from '../media/run';

/** A cancel is a status, not an error (STYLE.md, "Errors"). */
export function isAbort(error: unknown): boolean {
  if (error instanceof ProgramError) return error.failure === 'aborted';
  return error instanceof Error && error.name === 'AbortError';
}

/** What the job row says about a failure, in both languages. */
export function describeFailure(error: unknown): Bilingual {
  if (error instanceof RegieError) return error.text;
  if (error instanceof ProgramError) {
    return bi(error.message, `${error.commandLine} : ${failureFr(error)}`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return bi(`Internal error: ${detail}`, `Erreur interne : ${detail}`);
}

function failureFr(error: ProgramError): string {
  switch (error.failure) {
    case 'spawn':
      return "n'a pas pu être lancé";
    case 'timeout':
      return "n'a pas fini à temps et a été arrêté";
    case 'aborted':
      return 'a été annulé';
    case 'output':
      return 'a affiché une sortie illisible';
    case 'exit':
      return error.exitSignal
        ? `a été tué par ${error.exitSignal}`
        : `s'est terminé avec le code ${String(error.exitCode)}`;
  }
}
