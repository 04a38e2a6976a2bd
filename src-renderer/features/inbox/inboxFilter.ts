import type { FileStatus, Recorder, RecorderFile } from '../../../src-preload/contract';

export type Show = 'waiting' | 'problems' | 'processed' | 'all';
export type SortKey = 'detected' | 'name' | 'size' | 'duration';

const shown: Record<Show, readonly FileStatus[] | null> = {
  waiting: ['unclaimed', 'notified', 'incomplete'],
  problems: ['invalid', 'unknown'],
  processed: ['queued', 'encoding', 'published', 'deleted'],
  all: null,
};

export interface InboxQuery {
  show: Show;
  text: string;
  recorderId: number | null;
  sort: SortKey;
  isDescending: boolean;
}

/**
 * The Inbox's filter and sort, pure so it can be measured on 10,000 files: the text matches the
 * file path or the recorder's name, case- and accent-insensitive.
 */
export function filterFiles(
  files: readonly RecorderFile[],
  recorders: readonly Recorder[],
  query: InboxQuery,
): RecorderFile[] {
  const statuses = shown[query.show];
  const needle = fold(query.text.trim());
  const names = new Map(recorders.map((r) => [r.id, fold(r.name)]));
  const kept = files.filter(
    (f) =>
      (statuses === null || statuses.includes(f.status)) &&
      (query.recorderId === null || f.recorderId === query.recorderId) &&
      (needle === '' ||
        fold(f.relPath).includes(needle) ||
        (names.get(f.recorderId ?? -1) ?? '').includes(needle)),
  );
  const key = sortKeys[query.sort];
  const direction = query.isDescending ? -1 : 1;
  return kept.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : a.id - b.id) * direction;
  });
}

const sortKeys: Record<SortKey, (f: RecorderFile) => string | number> = {
  detected: (f) => f.detectedAt ?? f.firstSeenAt,
  name: (f) => f.fileName.toLowerCase(),
  size: (f) => f.size,
  duration: (f) => f.media?.durationS ?? -1,
};

const foldCache = new Map<string, string>();
function fold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(text, folded);
  }
  return folded;
}
