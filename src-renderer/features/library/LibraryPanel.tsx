import {
  Anchor,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { Video } from '../../../src-preload/contract';
import { formatSize } from '../../components/format';
import { useArea } from '../../app/useArea';
import { PanelHeader } from '../../components/PanelHeader';
import { useT } from '../../i18n/i18n';
import { podStatusStore } from '../pod/podStore';
import { usersStore } from '../users/usersStore';
import { fileUrl, Player } from './Player';
import { VideoGrid } from './VideoGrid';
import { canPublishToPod } from './PodPublishMenu';
import { VideoTable } from './VideoTable';
import { videosStore } from './videosStore';

type View = 'grid' | 'list';
const viewKey = 'regie.library.view';
const storedView = (): View => (localStorage.getItem(viewKey) === 'list' ? 'list' : 'grid');
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Published videos as a thumbnail grid or a list; a click plays one and lists its renditions. */
export function LibraryPanel() {
  const t = useT();
  const videos = videosStore.use((s) => s.data);
  const users = usersStore.use((s) => s.data) ?? [];
  const [playing, setPlaying] = useState<Video | null>(null);
  // #/library/<video id> (the Encodings panel's link to a finished job's video) opens it.
  const item = useArea((s) => s.item);
  const [seenItem, setSeenItem] = useState<string | null>(null);
  if (item !== seenItem && videos !== undefined) {
    setSeenItem(item);
    const linked = videos.find((v) => String(v.id) === item);
    if (linked) setPlaying(linked);
  }
  const [view, setView] = useState<View>(storedView);
  const [query, setQuery] = useState('');
  const [isNotInPodOnly, setNotInPodOnly] = useState(false);
  const isPodConfigured = podStatusStore.use((s) => s.data?.configured) ?? false;
  // Without a Pod (and nothing ever sent to one), Pod's column and filter would only be noise.
  const showPod = isPodConfigured || (videos ?? []).some((v) => v.pod.state !== 'none');
  const ownerName = (video: Video) => users.find((u) => u.id === video.ownerId)?.username ?? '';
  const needle = fold(query.trim());
  // "Not in Pod yet": never sent, or sent and refused or failed (what may be published again).
  const notInPod = (videos ?? []).filter(canPublishToPod).length;
  const shown = (videos ?? []).filter(
    (v) =>
      (needle === '' || fold(`${v.title} ${ownerName(v)}`).includes(needle)) &&
      (!isNotInPodOnly || !showPod || canPublishToPod(v)),
  );
  const changeView = (next: string) => {
    const value: View = next === 'list' ? 'list' : 'grid';
    localStorage.setItem(viewKey, value);
    setView(value);
  };
  const props = { videos: shown, ownerName, onPlay: setPlaying, showPod };
  return (
    <Stack>
      <PanelHeader title={t('library.title')} intro={t('library.intro')} />
      <Group justify="space-between">
        <Group>
          <TextInput
            placeholder={t('library.search')}
            aria-label={t('library.search')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
          />
          {showPod && (
            <Switch
              label={t('library.notInPod', { count: notInPod })}
              checked={isNotInPodOnly}
              onChange={(e) => setNotInPodOnly(e.currentTarget.checked)}
            />
          )}
        </Group>
        <SegmentedControl
          value={view}
          onChange={changeView}
          aria-label={t('library.view')}
          data={[
            { value: 'grid', label: t('library.view.grid') },
            { value: 'list', label: t('library.view.list') },
          ]}
        />
      </Group>
      {videos === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t(videos.length === 0 ? 'library.empty' : 'library.noMatch')}</Text>
      ) : view === 'grid' ? (
        <VideoGrid {...props} />
      ) : (
        <VideoTable {...props} />
      )}
      <Modal
        opened={playing !== null}
        onClose={() => setPlaying(null)}
        title={playing?.title}
        size="xl"
      >
        {playing && (
          <Stack>
            <Player video={playing} />
            <Table
              verticalSpacing={4}
              data-testid="renditions"
              aria-label={t('library.renditions')}
            >
              <Table.Tbody>
                {playing.renditions.map((r) => (
                  <Table.Tr key={r.file}>
                    <Table.Td fw={500}>{r.name}</Table.Td>
                    <Table.Td>{r.kind}</Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      <Anchor
                        href={fileUrl(playing, r.file)}
                        download={r.file.split('/').at(-1)}
                        target="_blank"
                        rel="noreferrer"
                        inherit
                        aria-label={t('library.rendition.download', { file: r.file })}
                      >
                        {r.file}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatSize(r.sizeBytes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
