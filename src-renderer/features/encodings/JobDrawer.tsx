import { Drawer, Stack, Text } from '@mantine/core';
import type { Job } from '../../../src-preload/contract';
import { useBilingual, useT } from '../../i18n/i18n';
import { CopyableBlock } from './CopyableBlock';

/** The exact command lines and the end of ffmpeg's output: what an operator needs to reproduce. */
export function JobDrawer({
  job,
  title,
  onClose,
}: {
  job: Job | null;
  title: string;
  onClose: () => void;
}) {
  const t = useT();
  const pick = useBilingual();
  const commands = job?.commands.join('\n\n') ?? '';
  const stderr = job?.stderrTail.join('\n') ?? '';
  return (
    <Drawer
      opened={job !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={job ? `${title} (${t('encodings.job')} ${String(job.id)})` : ''}
    >
      {job && (
        <Stack>
          {job.error && <Text c="red">{pick(job.error)}</Text>}
          <CopyableBlock title={t('encodings.commands')} text={commands} testId="job-commands" />
          <CopyableBlock title={t('encodings.stderr')} text={stderr} maxHeight={400} />
        </Stack>
      )}
    </Drawer>
  );
}
