import { useEffect, useState } from 'react';
import type { JournalEntry } from '../../../src-preload/contract';
import { call, onConnected, subscribe } from '../../client/client';

const pageSize = 200;

/**
 * One subject's journal (`webinar:12`), newest first: its latest entries read on every
 * (re)connection, then `journal.appended` for that subject added on top.
 */
export function useSubjectJournal(subject: string): JournalEntry[] | undefined {
  const [entries, setEntries] = useState<JournalEntry[] | undefined>(undefined);
  useEffect(() => {
    let isCurrent = true;
    const stopPush = subscribe('journal.appended', (entry) => {
      if (entry.subject !== subject) return;
      setEntries((current) =>
        current?.some((e) => e.id === entry.id) ? current : [entry, ...(current ?? [])],
      );
    });
    const stopLoad = onConnected(() => {
      void call('journal.list', { subject, limit: pageSize }).then((list) => {
        if (isCurrent) setEntries(list);
      });
    });
    return () => {
      isCurrent = false;
      stopPush();
      stopLoad();
    };
  }, [subject]);
  return entries;
}
