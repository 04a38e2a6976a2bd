import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bilingual } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import type { Services } from '../kit/services';

/** DEFAULT_RECORDER_PATH, or `<data>/recorders` when empty. */
export function dropRoot(s: Pick<Services, 'settings' | 'dataDir'>): string {
  const configured = s.settings.getString('DEFAULT_RECORDER_PATH').trim();
  return configured === '' ? join(s.dataDir, 'recorders') : configured;
}

/** Why a folder could not be created, in words an operator can act on. */
function folderProblem(path: string, error: unknown): Bilingual {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return bi(
      `Régie may not create ${path}: give its account write access to the parent folder, or create the folder by hand`,
      `Régie n'a pas le droit de créer ${path} : donnez à son compte le droit d'écrire dans le dossier parent, ou créez le dossier à la main`,
    );
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return bi(
      `${path} cannot be created: a file stands where one of its folders should be; move that file or change DEFAULT_RECORDER_PATH`,
      `${path} ne peut pas être créé : un fichier occupe la place d'un de ses dossiers ; déplacez ce fichier ou changez DEFAULT_RECORDER_PATH`,
    );
  if (code === 'ENOSPC' || code === 'EROFS')
    return bi(
      `${path} cannot be created: the disk is full or read-only`,
      `${path} ne peut pas être créé : le disque est plein ou en lecture seule`,
    );
  return bi(
    `${path} could not be created (${code ?? String(error)}); check DEFAULT_RECORDER_PATH`,
    `${path} n'a pas pu être créé (${code ?? String(error)}) ; vérifiez DEFAULT_RECORDER_PATH`,
  );
}

/**
 * A recorder's drop folder: its absolute path, created when missing. `problem` says, in words,
 * why it does not exist (so the Recorders panel can show it instead of a path that is not there).
 */
export function ensureDropFolder(
  s: Pick<Services, 'settings' | 'dataDir'>,
  directory: string,
): { dropPath: string; folderProblem: Bilingual | null } {
  const dropPath = join(dropRoot(s), directory);
  try {
    if (statSync(dropPath).isDirectory()) return { dropPath, folderProblem: null };
  } catch {
    // Missing: created below.
  }
  try {
    mkdirSync(dropPath, { recursive: true });
    return { dropPath, folderProblem: null };
  } catch (error) {
    return { dropPath, folderProblem: folderProblem(dropPath, error) };
  }
}
