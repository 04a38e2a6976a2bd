import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { Video } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';
import { PodPublishMenu } from './PodPublishMenu';
import { PodStateBadge } from './PodStateBadge';

/** A video in Pod: its state, its Pod page (a new tab, or the browser in the desktop app), publish. */
export function PodCell({ video }: { video: Video }) {
  const t = useT();
  const { pageUrl } = video.pod;
  return (
    <Group gap={4} wrap="nowrap" data-testid={`pod-cell-${String(video.id)}`}>
      <PodStateBadge pod={video.pod} />
      {pageUrl && (
        <Tooltip label={t('pod.openPage')}>
          <ActionIcon
            component="a"
            href={pageUrl}
            target="_blank"
            rel="noreferrer"
            variant="subtle"
            size="sm"
            aria-label={`${t('pod.openPage')} ${video.title}`}
          >
            <IconExternalLink size={14} />
          </ActionIcon>
        </Tooltip>
      )}
      <PodPublishMenu video={video} />
    </Group>
  );
}
