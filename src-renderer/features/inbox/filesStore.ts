import type { RecorderFile } from '../../../src-preload/contract';
import { createLiveStore } from '../../client/liveStore';

const upsert = (files: RecorderFile[] | undefined, file: RecorderFile): RecorderFile[] => {
  if (!files) return [file];
  const at = files.findIndex((f) => f.id === file.id);
  if (at === -1) return [file, ...files];
  const next = files.slice();
  next[at] = file;
  return next;
};

export const filesStore = createLiveStore({
  load: 'files.list',
  event: 'files.changed',
  apply: (files, { file }) => upsert(files, file),
});

export const unknownFoldersStore = createLiveStore({
  load: 'files.unknownFolders',
  event: 'files.unknownFoldersChanged',
  apply: (_, { folders }) => folders,
});
