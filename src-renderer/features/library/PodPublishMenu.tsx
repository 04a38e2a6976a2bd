import { Button, Menu, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconUpload } from '@tabler/icons-react';
import type { PodPublishMode, Video } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { useBilingual, useT } from '../../i18n/i18n';
import { podStatusStore } from '../pod/podStore';

/** States from which a video may be sent (again): the main side refuses the others. */
export const canPublishToPod = (video: Video): boolean =>
  video.pod.state === 'none' || video.pod.state === 'refused' || video.pod.state === 'failed';

/**
 * "Publier dans Pod": as a draft (only its owner sees it) or public. Without a Pod configured
 * the button says what to do first instead.
 */
export function PodPublishMenu({ video }: { video: Video }) {
  const t = useT();
  const pick = useBilingual();
  const status = podStatusStore.use((s) => s.data);
  if (!canPublishToPod(video)) return null;
  const isConfigured = status?.configured ?? false;
  const publish = (mode: Exclude<PodPublishMode, 'off'>) =>
    call('pod.publish', { videoId: video.id, mode }).then(
      () =>
        notifications.show({
          color: 'green',
          message: t('pod.publish.queued', { title: video.title }),
        }),
      (error: unknown) =>
        notifications.show({
          color: 'red',
          message: error instanceof CallError ? pick(error.wire.message) : String(error),
        }),
    );
  const button = (
    <Button
      size="compact-xs"
      variant="light"
      leftSection={<IconUpload size={12} />}
      rightSection={isConfigured ? <IconChevronDown size={12} /> : undefined}
      disabled={!isConfigured}
      aria-label={`${t('pod.publish')} ${video.title}`}
      style={isConfigured ? undefined : { pointerEvents: 'auto' }}
    >
      {t(video.pod.state === 'none' ? 'pod.publish' : 'pod.publish.again')}
    </Button>
  );
  if (!isConfigured)
    return (
      <Tooltip label={t('pod.publish.needsConfig')} multiline w={280} withArrow>
        {button}
      </Tooltip>
    );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void publish('draft')}>{t('pod.publish.draft')}</Menu.Item>
        <Menu.Item onClick={() => void publish('public')}>{t('pod.publish.public')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
