import { useEffect } from 'react';
import { create } from 'zustand';
import type { MigrationSnapshot } from '../../../src-preload/contract';
import { call } from '../../client/client';

/**
 * What Régie holds of a server's recordings, summarised on the main side (`migration.snapshot`:
 * count, when read, date range, states and origin servers with their counts), so the wizard
 * never reads 20,000 recordings to say how many there are.
 */
const useSnapshots = create<Record<number, MigrationSnapshot | 'reading' | 'failed'>>(() => ({}));

/** Reads one server's summary again (after a refresh, or the first time it is shown). */
export function readSnapshot(serverId: number): void {
  useSnapshots.setState({ [serverId]: 'reading' });
  call('migration.snapshot', { serverId }).then(
    (snapshot) => useSnapshots.setState({ [serverId]: snapshot }),
    () => useSnapshots.setState({ [serverId]: 'failed' }),
  );
}

export function useSnapshot(serverId: number | null) {
  const summary = useSnapshots((s) => (serverId === null ? undefined : s[serverId]));
  useEffect(() => {
    if (serverId !== null && !(serverId in useSnapshots.getState())) readSnapshot(serverId);
  }, [serverId]);
  return summary;
}
