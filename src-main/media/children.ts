import type { ChildProcess } from 'node:child_process';

/**
 * Every program Régie has started and that has not exited yet (ffmpeg, ffprobe in the drop
 * folders, the programs' self-test): `run()` adds each one, quitting stops them all (STYLE.md,
 * "Running ffmpeg": all children killed on quit). One Régie per process (the desktop app, the
 * console, one CLI command), so the registry is the process's.
 */
const live = new Set<ChildProcess>();

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export function trackChild(child: ChildProcess): void {
  if (child.pid === undefined || hasExited(child)) return;
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** The process ids of the programs still running, for the quit report and tests. */
export const liveChildren = (): number[] =>
  [...live].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));

/**
 * Stops every child: SIGTERM (ffmpeg stops cleanly on it, as on `q`), then SIGKILL after
 * `graceMs`; resolves once all have exited.
 */
export async function stopAllChildren(graceMs = 2000): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (hasExited(child)) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
