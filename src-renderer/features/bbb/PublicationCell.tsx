import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMovie, IconRefresh } from '@tabler/icons-react';
import type { BbbPublication, BbbRecordingView, Job } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { useBilingual, useT } from '../../i18n/i18n';
import { JobProgress } from '../encodings/JobProgress';
import { videosStore } from '../library/videosStore';
import { isRetryable, publishWay } from './publication';

const publicationColor: Record<BbbPublication, string> = {
  none: 'gray',
  queued: 'cyan',
  downloading: 'blue',
  encoding: 'indigo',
  published: 'green',
  awaiting_conversion: 'yellow',
  failed: 'red',
};

/**
 * Where a recording's publication is: its state, the running job's phase and progress, the
 * video once published (#/library/<id>, as the Encodings panel links it), the error and a retry.
 */
export function PublicationCell({ r, job }: { r: BbbRecordingView; job: Job | undefined }) {
  const t = useT();
  const pick = useBilingual();
  const video = videosStore.use((s) =>
    r.publication === 'published' && r.recordingId !== null
      ? s.data?.find((v) => v.recordingId === r.recordingId)
      : undefined,
  );
  const retry = (failed: Job) =>
    call('jobs.retry', { id: failed.id }).catch((error: unknown) =>
      notifications.show({
        color: 'red',
        message: error instanceof CallError ? pick(error.wire.message) : String(error),
      }),
    );
  // `downloading` also covers the drawing of a presentation (src-main/bbb/publication/service.ts).
  const isConverting = r.publication === 'downloading' && publishWay(r) === 'convert';
  const canRetry = r.publication === 'failed' && isRetryable(job);
  // The bbbPublish job writes its error on the row; a failed encode only on its job.
  const error =
    r.publication === 'failed'
      ? (r.publicationError ?? (job?.error ? pick(job.error) : null))
      : null;
  return (
    <Stack gap={4} w={200}>
      <Group>
        <Badge variant="light" color={publicationColor[r.publication]} tt="none">
          {isConverting ? t('bbb.publication.converting') : t(`bbb.publication.${r.publication}`)}
        </Badge>
      </Group>
      {job?.status === 'running' && r.publication !== 'published' && (
        <JobProgress job={job} testId="bbb-publication-progress" />
      )}
      {r.moderatorUserIds.length === 0 && r.publication === 'none' && (
        <Text size="xs" c="dimmed">
          {t('bbb.recordings.noModerator')}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" lineClamp={3} title={error}>
          {error}
        </Text>
      )}
      {canRetry && job && (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconRefresh size={14} />}
          onClick={() => void retry(job)}
          aria-label={`${t('encodings.retry')} ${r.name}`}
          w="fit-content"
        >
          {t('encodings.retry')}
        </Button>
      )}
      {video && (
        <Anchor size="xs" href={`#/library/${String(video.id)}`}>
          <Group gap={4} wrap="nowrap">
            <IconMovie size={14} />
            {t('bbb.recordings.openVideo')}
          </Group>
        </Anchor>
      )}
    </Stack>
  );
}
