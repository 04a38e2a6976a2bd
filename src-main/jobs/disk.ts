import { statfs } from 'node:fs/promises';
import type { Bilingual } from '../../src-preload/contract';
import { bi } from '../ground/errors';

/** Bytes an unprivileged process may still write on the file system holding `path`. */
export async function freeBytesAt(path: string): Promise<number> {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
}

export function formatBytes(bytes: number): { en: string; fr: string } {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
  const unitsFr = ['o', 'Ko', 'Mo', 'Go', 'To'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i += 1;
  }
  const digits = i === 0 ? 0 : 1;
  return {
    en: `${value.toFixed(digits)} ${units[i] ?? 'B'}`,
    fr: `${value.toFixed(digits).replace('.', ',')} ${unitsFr[i] ?? 'o'}`,
  };
}

export function notEnoughSpace(folder: string, free: number, needed: number): Bilingual {
  const f = formatBytes(free);
  const n = formatBytes(needed);
  return bi(
    `Not enough free disk space in ${folder}: ${f.en} free (${String(free)} bytes), at least ${n.en} (${String(needed)} bytes) needed before a job starts. Free some space or lower the minimum in the settings, then retry the job.`,
    `Pas assez d'espace disque libre dans ${folder} : ${f.fr} libres (${String(free)} octets), il en faut au moins ${n.fr} (${String(needed)} octets) avant de lancer une tâche. Libérez de la place ou baissez le minimum dans les réglages, puis relancez la tâche.`,
  );
}
