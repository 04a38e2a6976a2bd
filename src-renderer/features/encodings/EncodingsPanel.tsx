import { Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileText, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { Job, JobStatus } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { PanelHeader } from '../../components/PanelHeader';
import { RowAction } from '../../components/RowAction';
import { StatusBadge } from '../../components/StatusBadge';
import { useBilingual, useLanguage, useT } from '../../i18n/i18n';
import { recordingsStore } from '../recordings/recordingsStore';
import { videosStore } from '../library/videosStore';
import { JobDrawer } from './JobDrawer';
import { JobOutcome } from './JobOutcome';
import { JobProgress } from './JobProgress';
import { jobTitle, jobVideo } from './jobSubject';
import { jobsStore } from './jobsStore';

const retryable: readonly JobStatus[] = ['failed', 'cancelled', 'interrupted'];

/** The encoding queue and its history: progress, ETA, cancel, retry, and each job's commands. */
export function EncodingsPanel() {
  const t = useT();
  const pick = useBilingual();
  const language = useLanguage((s) => s.language);
  const jobs = jobsStore.use((s) => s.data);
  const recordings = recordingsStore.use((s) => s.data) ?? [];
  const videos = videosStore.use((s) => s.data) ?? [];
  const [opened, setOpened] = useState<number | null>(null);
  const openedJob = jobs?.find((j) => j.id === opened) ?? null;
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const act = (name: 'jobs.cancel' | 'jobs.retry', job: Job) =>
    call(name, { id: job.id }).catch((error: unknown) =>
      notifications.show({
        color: 'red',
        message: error instanceof CallError ? pick(error.wire.message) : String(error),
      }),
    );
  return (
    <Stack>
      <PanelHeader title={t('encodings.title')} intro={t('encodings.intro')} />
      {jobs === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : jobs.length === 0 ? (
        <Text c="dimmed">{t('encodings.empty')}</Text>
      ) : (
        <Table verticalSpacing="sm" data-testid="jobs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('encodings.job')}</Table.Th>
              <Table.Th>{t('inbox.column.status')}</Table.Th>
              <Table.Th w="35%">{t('encodings.progress')}</Table.Th>
              <Table.Th>{t('recordings.column.created')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.map((job) => (
              <Table.Tr key={job.id} data-testid="job-row">
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {jobTitle(job, recordings, videos)}
                  </Text>
                  <Text size="xs" c="dimmed">{`#${String(job.id)} · ${job.subject}`}</Text>
                  {job.error && (
                    <Text size="xs" c="red" lineClamp={2}>
                      {pick(job.error)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={job.status} />
                </Table.Td>
                <Table.Td>
                  {job.status === 'running' && <JobProgress job={job} />}
                  {job.status === 'succeeded' && (
                    <JobOutcome job={job} video={jobVideo(job, videos)} />
                  )}
                </Table.Td>
                <Table.Td fz="xs" c="dimmed">
                  {time.format(new Date(job.createdAt))}
                </Table.Td>
                <Table.Td>
                  <Group gap={2} justify="flex-end" wrap="nowrap">
                    <RowAction
                      label={t('encodings.details')}
                      subject={`#${String(job.id)}`}
                      icon={IconFileText}
                      onClick={() => setOpened(job.id)}
                    />
                    {(job.status === 'running' || job.status === 'queued') && (
                      <RowAction
                        label={t('common.cancel')}
                        subject={`#${String(job.id)}`}
                        icon={IconPlayerStop}
                        color="red"
                        onClick={() => void act('jobs.cancel', job)}
                      />
                    )}
                    {retryable.includes(job.status) && (
                      <RowAction
                        label={t('encodings.retry')}
                        subject={`#${String(job.id)}`}
                        icon={IconRefresh}
                        onClick={() => void act('jobs.retry', job)}
                      />
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <JobDrawer
        job={openedJob}
        title={openedJob ? jobTitle(openedJob, recordings, videos) : ''}
        onClose={() => setOpened(null)}
      />
    </Stack>
  );
}
