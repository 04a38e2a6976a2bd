import { Badge, Button, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { JournalEntry } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { PanelHeader } from '../../components/PanelHeader';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { journalStore } from './journalStore';
import { levelColor } from './levelColor';

const pageSize = 200;
/** What Régie did on its own is journaled as `system` (src-main/journal/journal.ts). */
const actorLabel = (actor: string) => (actor === 'system' ? 'Régie' : actor);

export function JournalPanel() {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  const latest = journalStore.use((s) => s.data);
  const [older, setOlder] = useState<JournalEntry[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [filter, setFilter] = useState('');
  const entries = [...(latest ?? []), ...older];
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? entries.filter((e) =>
        [e.kind, pick(e.text), actorLabel(e.actor), e.subject ?? ''].some((f) =>
          f.toLowerCase().includes(needle),
        ),
      )
    : entries;

  const loadOlder = () => {
    const last = entries.at(-1);
    if (!last) return;
    void call('journal.list', { beforeId: last.id, limit: pageSize }).then((page) => {
      setOlder((current) => [...current, ...page]);
      setHasMore(page.length === pageSize);
    });
  };

  return (
    <Stack>
      <PanelHeader title={t('journal.title')} intro={t('journal.intro')} />
      <TextInput
        placeholder={t('journal.filter')}
        leftSection={<IconSearch size={16} />}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        maw={360}
      />
      {latest === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t('journal.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="xs" data-testid="journal-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t('journal.column.time')}</Table.Th>
              <Table.Th w={80}>{t('journal.column.level')}</Table.Th>
              <Table.Th>{t('journal.column.event')}</Table.Th>
              <Table.Th w={120}>{t('journal.column.actor')}</Table.Th>
              <Table.Th w={140}>{t('journal.column.subject')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td c="dimmed" ff="monospace" fz="xs">
                  {format.dateTime(e.at, { withSeconds: true })}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={levelColor[e.level]}>
                    {e.level}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{pick(e.text)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {e.kind}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm" fw={e.actor === 'system' ? 500 : undefined}>
                  {actorLabel(e.actor)}
                </Table.Td>
                <Table.Td fz="xs" ff="monospace">
                  {e.subject ?? ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {latest !== undefined && entries.length >= pageSize && hasMore && (
        <Button variant="default" onClick={loadOlder} w="fit-content">
          {t('journal.more')}
        </Button>
      )}
    </Stack>
  );
}
