import {
  AspectRatio,
  Badge,
  Card,
  Group,
  Image,
  SimpleGrid,
  Text,
  UnstyledButton,
} from '@mantine/core';
import type { Video } from '../../../src-preload/contract';
import { mediaUrl } from '../../client/client';
import { formatDuration } from '../../components/format';
import { useT } from '../../i18n/i18n';
import { PodCell } from './PodCell';

export const thumbnailUrl = (video: Video): string | null =>
  video.thumbnail ? mediaUrl(`/library/${String(video.id)}/${video.thumbnail}`) : null;

/** The library as thumbnails: title, duration, owner, and where the video stands in Pod. */
export function VideoGrid(props: {
  videos: Video[];
  ownerName: (video: Video) => string;
  onPlay: (video: Video) => void;
  /** A Pod is configured, or was: each video's place in Pod is shown. */
  showPod: boolean;
}) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 4 }} data-testid="library-grid">
      {props.videos.map((video) => {
        const src = thumbnailUrl(video);
        return (
          // The card is not the button: Pod's publish menu inside must not be a button in a button.
          <Card key={video.id} withBorder padding="xs">
            <UnstyledButton
              onClick={() => props.onPlay(video)}
              aria-label={video.title}
              display="block"
              w="100%"
            >
              {/* Not the card's direct child, so it is told to reach the card's top edge. */}
              <Card.Section mt="calc(var(--card-padding) * -1)">
                <AspectRatio ratio={16 / 9} bg="dark.7">
                  {src ? (
                    <Image src={src} fit="cover" alt="" />
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
                {props.ownerName(video)}
              </Text>
            </UnstyledButton>
            {props.showPod && (
              <Group mt={6}>
                <PodCell video={video} />
              </Group>
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
