import { Progress, Stack, Text } from '@mantine/core';
import type { Job } from '../../../src-preload/contract';
import type { MessageKey } from '../../i18n/en';
import { useFormat, useT } from '../../i18n/i18n';

/** A running job's bar and figures: phase · percent · speed · time left, whichever it has. */
export function JobProgress({ job, testId }: { job: Job; testId?: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack gap={2} data-testid={testId}>
      <Progress value={job.percent ?? 0} animated aria-label={t('encodings.progress')} />
      <Text size="xs" c="dimmed">
        {[
          job.phase ? t(`encodings.phase.${job.phase}` as MessageKey) : '',
          job.percent !== null ? format.percent(job.percent / 100) : '',
          job.speed !== null ? `×${job.speed.toFixed(1)}` : '',
          job.etaS !== null ? t('encodings.eta', { time: format.duration(job.etaS) }) : '',
        ]
          .filter((part) => part !== '')
          .join(' · ')}
      </Text>
    </Stack>
  );
}
