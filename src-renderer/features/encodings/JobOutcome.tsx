import { Anchor, Group, Text } from '@mantine/core';
import { IconMovie } from '@tabler/icons-react';
import type { Job, Video } from '../../../src-preload/contract';
import { useFormat, useT } from '../../i18n/i18n';
import { jobDurationS } from './jobSubject';

/** A finished job: how long it took, when it ended, and the video it published. */
export function JobOutcome(props: { job: Job; video: Video | undefined }) {
  const t = useT();
  const format = useFormat();
  const { job, video } = props;
  const took = jobDurationS(job);
  return (
    <Group gap="xs" data-testid="job-outcome">
      <Text size="xs" c="dimmed">
        {[
          took !== null ? t('encodings.took', { time: format.duration(took) }) : '',
          job.finishedAt ? t('encodings.endedAt', { at: format.dateTime(job.finishedAt) }) : '',
        ]
          .filter((part) => part !== '')
          .join(' · ')}
      </Text>
      {video && (
        <Anchor size="xs" href={`#/library/${String(video.id)}`}>
          <Group gap={4} wrap="nowrap">
            <IconMovie size={14} />
            {t('encodings.openVideo')}
          </Group>
        </Anchor>
      )}
    </Group>
  );
}
