import { useEffect, useState } from 'react';
import type { ExternalRecordingView } from '../../../src-preload/contract';
import { call, onConnected, subscribe } from '../../client/client';

/**
 * The external recordings. They have no push of their own: a migration creates them, so they are
 * read again when a run changes (at most once a second) and on every (re)connection.
 */
export function useExternals(): {
  list: ExternalRecordingView[] | undefined;
  /** Reads the list again now (after the operator published some). */
  reload: () => void;
} {
  const [list, setList] = useState<ExternalRecordingView[]>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isMounted = true;
    const read = () => {
      timer = undefined;
      void call('externalRecordings.list', {}).then((read) => {
        if (isMounted) setList(read);
      });
    };
    const stopConnected = onConnected(read);
    const stopChanged = subscribe('migration.changed', () => {
      timer ??= setTimeout(read, 1000);
    });
    // A publication's job (externalPublish) moves its state: queued, converting, published.
    const stopJobs = subscribe('jobs.changed', ({ items }) => {
      if (items.some((job) => job.kind === 'externalPublish')) timer ??= setTimeout(read, 1000);
    });
    return () => {
      isMounted = false;
      if (timer) clearTimeout(timer);
      stopConnected();
      stopChanged();
      stopJobs();
    };
  }, [generation]);
  return { list, reload: () => setGeneration((g) => g + 1) };
}
