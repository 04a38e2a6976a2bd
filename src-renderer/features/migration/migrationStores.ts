import { create } from 'zustand';
import type { MoodleConnectionView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { byId, createListStore, newestIdFirst } from '../../client/stores';

/** Every migration run, newest first, kept current by `migration.changed` (one push per change). */
export const migrationRunsStore = createListStore({
  load: 'migration.runs',
  events: ['migration.changed'],
  keyOf: byId,
  order: newestIdFirst,
  // A run of thousands of lines pushes once per line: one render for a quarter second of them.
  batchMs: 250,
});

/** The panel's open tab, here so the mode step can send the operator to the Moodle tab. */
export const useMigrationTab = create<{ tab: string }>(() => ({ tab: 'wizard' }));

/**
 * The Moodle connections. No event tells of a change (they change from this console or the
 * CLI, rarely), so they are read when the tab or the mode step shows them and after each change.
 */
export const useMoodleConnections = create<{ data?: MoodleConnectionView[]; failed?: boolean }>(
  () => ({}),
);
export function readMoodleConnections(): void {
  call('moodle.list', {}).then(
    (data) => useMoodleConnections.setState({ data, failed: false }),
    () => useMoodleConnections.setState({ failed: true }),
  );
}
