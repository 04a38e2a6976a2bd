import { Stack, Text, Timeline } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { JournalEntry, RecorderFile } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';

/** A file's journal entries (`file:<id>`), newest first; read again whenever the file changes. */
export function FileHistory(props: { file: RecorderFile }) {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const { file } = props;
  useEffect(() => {
    let isCurrent = true;
    call('journal.list', { subject: `file:${String(file.id)}`, limit: 50 }).then(
      (list) => isCurrent && setEntries(list),
      () => isCurrent && setEntries([]),
    );
    return () => {
      isCurrent = false;
    };
  }, [file]);
  if (entries === null) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('inbox.detail.noHistory')}
      </Text>
    );
  return (
    <Timeline bulletSize={12} lineWidth={2} data-testid="file-history">
      {entries.map((entry) => (
        <Timeline.Item
          key={entry.id}
          color={entry.level === 'error' ? 'red' : entry.level === 'warn' ? 'orange' : undefined}
        >
          <Stack gap={0}>
            <Text size="sm">{pick(entry.text)}</Text>
            <Text size="xs" c="dimmed">
              {format.dateTime(entry.at)}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
