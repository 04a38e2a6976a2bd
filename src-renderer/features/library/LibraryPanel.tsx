import {
  AspectRatio,
  Badge,
  Card,
  Group,
  Image,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import type { Video } from '../../../src-preload/contract';
import { mediaUrl } from '../../client/client';
import { formatDuration, formatSize } from '../../components/format';
import { PanelHeader } from '../../components/PanelHeader';
import { useT } from '../../i18n/i18n';
import { usersStore } from '../users/usersStore';
import { Player } from './Player';
import { videosStore } from './videosStore';

/** Published videos: a thumbnail grid; a click plays one and lists its renditions. */
export function LibraryPanel() {
  const t = useT();
  const videos = videosStore.use((s) => s.data);
  const users = usersStore.use((s) => s.data) ?? [];
  const [playing, setPlaying] = useState<Video | null>(null);
  return (
    <Stack>
      <PanelHeader title={t('library.title')} intro={t('library.intro')} />
      {videos === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : videos.length === 0 ? (
        <Text c="dimmed">{t('library.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 4 }} data-testid="library-grid">
          {videos.map((video) => (
            <UnstyledButton
              key={video.id}
              onClick={() => setPlaying(video)}
              aria-label={video.title}
            >
              <Card withBorder padding="xs">
                <Card.Section>
                  <AspectRatio ratio={16 / 9} bg="dark.7">
                    {video.thumbnail ? (
                      <Image
                        src={mediaUrl(`/library/${String(video.id)}/${video.thumbnail}`)}
                        fit="cover"
                        alt=""
                      />
                    ) : (
                      <Text c="dimmed" ta="center">
                        {t('library.audio')}
                      </Text>
                    )}
                  </AspectRatio>
                </Card.Section>
                <Group justify="space-between" mt="xs" wrap="nowrap">
                  <Text fw={500} size="sm" truncate="end">
                    {video.title}
                  </Text>
                  <Badge variant="light" tt="none">
                    {formatDuration(video.durationS)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {users.find((u) => u.id === video.ownerId)?.username ?? ''}
                </Text>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
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
            <Table verticalSpacing={4} data-testid="renditions">
              <Table.Tbody>
                {playing.renditions.map((r) => (
                  <Table.Tr key={r.file}>
                    <Table.Td fw={500}>{r.name}</Table.Td>
                    <Table.Td>{r.kind}</Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      {r.file}
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
