import { Anchor, Badge, Group, Image, Table, Text } from '@mantine/core';
import type { Video } from '../../../src-preload/contract';
import { formatDuration, formatSize } from '../../components/format';
import { useLanguage, useT } from '../../i18n/i18n';
import { PodCell } from './PodCell';
import { thumbnailUrl } from './VideoGrid';

const heightsOf = (video: Video): string =>
  [...new Set(video.renditions.flatMap((r) => (r.height === null ? [] : [r.height])))]
    .sort((a, b) => a - b)
    .map((h) => `${String(h)}p`)
    .join(' · ');

const totalSize = (video: Video): number =>
  video.renditions.reduce((sum, r) => sum + r.sizeBytes, 0);

/** The library as a list: what an admin scans for, one row per video. */
export function VideoTable(props: {
  videos: Video[];
  ownerName: (video: Video) => string;
  onPlay: (video: Video) => void;
  /** A Pod is configured, or was: each video's place in Pod is shown. */
  showPod: boolean;
}) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing={6} data-testid="library-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={96} />
            <Table.Th>{t('library.column.title')}</Table.Th>
            <Table.Th>{t('library.column.owner')}</Table.Th>
            <Table.Th>{t('library.column.duration')}</Table.Th>
            <Table.Th>{t('library.column.renditions')}</Table.Th>
            <Table.Th>{t('library.column.size')}</Table.Th>
            <Table.Th>{t('library.column.published')}</Table.Th>
            {props.showPod && <Table.Th>{t('library.column.pod')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.videos.map((video) => {
            const src = thumbnailUrl(video);
            return (
              <Table.Tr key={video.id}>
                <Table.Td>
                  {src ? (
                    <Image src={src} w={80} h={45} fit="cover" radius="xs" alt="" />
                  ) : (
                    <Badge variant="light">{t('library.audio')}</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component="button" fw={500} onClick={() => props.onPlay(video)}>
                    {video.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{props.ownerName(video)}</Table.Td>
                <Table.Td>{formatDuration(video.durationS)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Text size="sm">{heightsOf(video) || t('library.audio')}</Text>
                    {video.master && (
                      <Badge size="xs" variant="outline">
                        HLS
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatSize(totalSize(video))}</Table.Td>
                <Table.Td>{time.format(new Date(video.createdAt))}</Table.Td>
                {props.showPod && (
                  <Table.Td>
                    <PodCell video={video} />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
