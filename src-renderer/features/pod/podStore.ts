import { useEffect } from 'react';
import { create } from 'zustand';
import type { PodCatalog } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { createLiveStore } from '../../client/stores';

/** The Pod connection (one status, not a collection): the latest `pod.changed` push wins. */
export const podStatusStore = createLiveStore({
  load: 'pod.status',
  events: ['pod.changed'],
  applyMany: (current, pushes) => pushes.at(-1) ?? current,
});

/** The catalog only changes with a mirror, so it is read again when the last mirror's time does. */
const useCatalog = create<{ catalog: PodCatalog | undefined; readFor: string | null | undefined }>(
  () => ({ catalog: undefined, readFor: undefined }),
);

/** Pod's video types, recorders, broadcasters as last mirrored; undefined until read. */
export function usePodCatalog(): PodCatalog | undefined {
  useEffect(() => podStatusStore.start(), []);
  const mirrorAt = podStatusStore.use((s) =>
    s.data ? (s.data.lastMirror?.at ?? null) : undefined,
  );
  useEffect(() => {
    if (mirrorAt === undefined || useCatalog.getState().readFor === mirrorAt) return;
    useCatalog.setState({ readFor: mirrorAt });
    call('pod.catalog', {}).then(
      (catalog) => useCatalog.setState({ catalog }),
      // Read again on the next render that needs it (a dropped connection, a restart).
      () => useCatalog.setState({ readFor: undefined }),
    );
  }, [mirrorAt]);
  return useCatalog((s) => s.catalog);
}
