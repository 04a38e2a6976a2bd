import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BbbRecordingView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useLanguage, useT } from '../../i18n/i18n';
import { bbbRecordingsStore, bbbServersStore } from './bbbStores';
import { PublishModal } from './PublishModal';
import { RecordingRow } from './RecordingRow';

/**
 * Mirrored recordings: formats, size, duration, previews, playback; publish to a moderator,
 * converting a presentation-only recording to video first (issue #10 §8).
 */
export function RecordingsTab() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const recordings = bbbRecordingsStore.use((s) => s.data) ?? [];
  const servers = bbbServersStore.use((s) => s.data) ?? [];
  const [query, setQuery] = useState('');
  const [publishing, setPublishing] = useState<BbbRecordingView | null>(null);
  const [mirroring, setMirroring] = useState(false);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const needle = query.trim().toLowerCase();
  const shown = recordings
    .filter(
      (r) =>
        needle === '' || `${r.name} ${r.recordId} ${r.meetingId}`.toLowerCase().includes(needle),
    )
    .sort((a, b) => b.startMs - a.startMs)
    .slice(0, 300);
  const mirror = () => {
    setMirroring(true);
    // What the mirror writes comes back as bbb.recordingsChanged (bbbStores.ts).
    void Promise.all(servers.map((s) => call('bbbRecordings.mirror', { serverId: s.id })))
      .catch((error: unknown) => notifications.show({ color: 'red', message: String(error) }))
      .finally(() => setMirroring(false));
  };
  return (
    <Stack>
      <Group justify="space-between">
        <TextInput
          w={320}
          placeholder={t('bbb.recordings.search')}
          aria-label={t('bbb.recordings.search')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
        />
        <Button
          variant="default"
          loading={mirroring}
          disabled={servers.length === 0}
          onClick={mirror}
        >
          {t('bbb.recordings.mirrorAll')}
        </Button>
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed">{t('bbb.recordings.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="xs" highlightOnHover data-testid="bbb-recordings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={96} />
                <Table.Th>{t('bbb.recordings.name')}</Table.Th>
                <Table.Th>{t('bbb.meetings.started')}</Table.Th>
                <Table.Th>{t('bbb.meetings.duration')}</Table.Th>
                <Table.Th>{t('bbb.recordings.formats')}</Table.Th>
                <Table.Th>{t('bbb.recordings.size')}</Table.Th>
                <Table.Th>{t('bbb.recordings.publication')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <RecordingRow key={r.id} r={r} time={time} onPublish={() => setPublishing(r)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={publishing !== null}
        onClose={() => setPublishing(null)}
        title={publishing?.name}
      >
        {publishing && <PublishModal r={publishing} onClose={() => setPublishing(null)} />}
      </Modal>
    </Stack>
  );
}
