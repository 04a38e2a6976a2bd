import type { RecorderFile } from '../../../src-preload/contract';
import { createLiveStore } from '../../client/liveStore';

/** Applies many file changes in one pass: O(files + changes), whatever the number of changes. */
const upsertMany = (files: RecorderFile[] | undefined, changes: RecorderFile[]): RecorderFile[] => {
  const latest = new Map(changes.map((f) => [f.id, f]));
  const next = (files ?? []).map((f) => {
    const changed = latest.get(f.id);
    if (changed) latest.delete(f.id);
    return changed ?? f;
  });
  return [...[...latest.values()].reverse(), ...next];
};

export const filesStore = createLiveStore({
  load: 'inbox.list',
  event: 'inbox.changed',
  apply: (files, { file }) => upsertMany(files, [file]),
  applyMany: (files, payloads) =>
    upsertMany(
      files,
      payloads.map((p) => p.file),
    ),
});

export const unknownFoldersStore = createLiveStore({
  load: 'unknownFolders.list',
  event: 'unknownFolders.changed',
  apply: (_, { folders }) => folders,
});
