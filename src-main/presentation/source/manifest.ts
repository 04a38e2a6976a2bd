import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What an earlier fetch into this folder already settled: files downloaded whole (with their
 * size) and files the server answered 404 for. A second run trusts it and asks nothing, so a
 * retried conversion does not download a recording again.
 */
export interface Manifest {
  version: 1;
  baseUrl: string;
  complete: Record<string, number>;
  absent: string[];
}

export const MANIFEST = 'manifest.json';

export async function loadManifest(dir: string, baseUrl: string): Promise<Manifest> {
  const empty: Manifest = { version: 1, baseUrl, complete: {}, absent: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch {
    // No manifest yet, or a torn one: start over (the .part files still resume).
    return empty;
  }
  const m = parsed as Partial<Manifest> | null;
  if (m?.version !== 1 || typeof m.complete !== 'object' || !Array.isArray(m.absent)) return empty;
  // Another server's 404s say nothing about this one's files.
  return { ...empty, complete: m.complete, absent: m.baseUrl === baseUrl ? m.absent : [] };
}

/** True when the manifest lists `path` as whole and the file on disk still has that size. */
export async function isComplete(dir: string, manifest: Manifest, path: string): Promise<boolean> {
  const size = manifest.complete[path];
  if (size === undefined) return false;
  return stat(join(dir, path)).then(
    (s) => s.size === size,
    () => false,
  );
}

/** Writes are chained so two finishing downloads never interleave their manifest writes. */
export function manifestWriter(dir: string, manifest: Manifest): () => Promise<void> {
  let chain = Promise.resolve();
  return () => {
    chain = chain.then(async () => {
      const tmp = join(dir, `${MANIFEST}.tmp`);
      await writeFile(tmp, JSON.stringify(manifest));
      await rename(tmp, join(dir, MANIFEST));
    });
    return chain;
  };
}
