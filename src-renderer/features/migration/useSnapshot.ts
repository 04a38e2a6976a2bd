import { useEffect } from 'react';
import { create } from 'zustand';
import { call } from '../../client/client';

/** What the wizard says of a server's stored list of recordings (the plan's input). */
export interface SnapshotSummary {
  count: number;
  oldestMs: number | null;
  newestMs: number | null;
  /** BBB states present, for the filter's choices. */
  states: string[];
}

const useSnapshots = create<Record<number, SnapshotSummary | 'reading' | 'failed'>>(() => ({}));

/** Reads the stored list of one server again (after a refresh, or the first time it is shown). */
export function readSnapshot(serverId: number): void {
  useSnapshots.setState({ [serverId]: 'reading' });
  // 50,000 is the call's ceiling; the CLI's `regie migrate` reads the list the same way.
  call('bbbRecordings.list', { serverId, limit: 50_000 }).then(
    (recordings) => {
      let oldest: number | null = null;
      let newest: number | null = null;
      const states = new Set<string>();
      for (const r of recordings) {
        oldest = oldest === null ? r.startMs : Math.min(oldest, r.startMs);
        newest = newest === null ? r.startMs : Math.max(newest, r.startMs);
        states.add(r.state);
      }
      useSnapshots.setState({
        [serverId]: {
          count: recordings.length,
          oldestMs: oldest,
          newestMs: newest,
          states: [...states].sort(),
        },
      });
    },
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
