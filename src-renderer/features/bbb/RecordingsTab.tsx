import {
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BbbPublication, BbbRecordingView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { formatDuration, formatSize } from '../../components/format';
import { useLanguage, useT } from '../../i18n/i18n';
import { usersStore } from '../users/usersStore';
import { bbbRecordingsStore, bbbServersStore } from './bbbStores';

/** Shown when a preview cannot be loaded (server unreachable, protected recording). */
const noPreview =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='80' height='62'%3E%3Crect width='80' height='62' fill='%23e9ecef'/%3E%3C/svg%3E";

const publicationColor: Record<BbbPublication, string> = {
  none: 'gray',
  queued: 'cyan',
  downloading: 'blue',
  encoding: 'indigo',
  published: 'green',
  awaiting_conversion: 'yellow',
  failed: 'red',
};

function PublishModal({ r, onClose }: { r: BbbRecordingView; onClose: () => void }) {
  const t = useT();
  const users = usersStore.use((s) => s.data) ?? [];
  const moderators = users.filter((u) => r.moderatorUserIds.includes(u.id));
  const [owner, setOwner] = useState<string | null>(moderators[0]?.username ?? null);
  const [error, setError] = useState<string | undefined>();
  const { run, isBusy } = useSubmit((errors) => setError(errors.owner ?? Object.values(errors)[0]));
  const hasVideo = r.formats.some((f) => f.type === 'video');
  return (
    <Stack>
      <Text size="sm">{t(hasVideo ? 'bbb.publish.video' : 'bbb.publish.presentation')}</Text>
      <Select
        label={t('bbb.publish.owner')}
        description={t('bbb.publish.ownerHelp')}
        data={moderators.map((u) => ({
          value: u.username,
          label: `${u.firstName} ${u.lastName} (${u.username})`,
        }))}
        value={owner}
        onChange={setOwner}
        error={error}
        allowDeselect={false}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={isBusy}
          disabled={owner === null}
          onClick={() =>
            void run(
              () => call('bbbRecordings.publish', { id: r.id, owner: owner ?? '' }),
              () => {
                notifications.show({
                  color: 'green',
                  message: t('bbb.publish.done', { name: r.name }),
                });
                onClose();
              },
            )
          }
        >
          {t('bbb.publish.action')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Mirrored recordings: formats, size, duration, previews, playback; publish to a moderator. */
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
              {shown.map((r) => {
                const preview = r.formats.flatMap((f) => f.previews)[0];
                const playback = r.formats.find((f) => f.type === 'presentation') ?? r.formats[0];
                const canPublish =
                  (r.publication === 'none' || r.publication === 'failed') &&
                  r.moderatorUserIds.length > 0;
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      {preview ? (
                        <Image
                          src={preview.url}
                          w={80}
                          h={62}
                          fit="contain"
                          alt=""
                          title={preview.alt}
                          radius="xs"
                          fallbackSrc={noPreview}
                        />
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {r.serverName} · {r.recordId}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {time.format(new Date(r.startMs))}
                    </Table.Td>
                    <Table.Td>{formatDuration(r.durationS)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {r.formats.map((f) => (
                          <Badge
                            key={f.type}
                            size="sm"
                            variant={f.type === 'video' ? 'filled' : 'light'}
                            tt="none"
                          >
                            {f.type}
                          </Badge>
                        ))}
                        {playback && (
                          <Anchor href={playback.url} target="_blank" rel="noreferrer" size="xs">
                            {t('bbb.recordings.play')}
                          </Anchor>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {r.sizeBytes === null ? '—' : formatSize(r.sizeBytes)}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={r.publicationError ?? ''} disabled={!r.publicationError}>
                        <Badge variant="light" color={publicationColor[r.publication]} tt="none">
                          {t(`bbb.publication.${r.publication}`)}
                        </Badge>
                      </Tooltip>
                      {r.moderatorUserIds.length === 0 && r.publication === 'none' && (
                        <Text size="xs" c="dimmed">
                          {t('bbb.recordings.noModerator')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        disabled={!canPublish}
                        onClick={() => setPublishing(r)}
                        aria-label={`${t('bbb.publish.action')} ${r.name}`}
                      >
                        {t('bbb.publish.action')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
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
