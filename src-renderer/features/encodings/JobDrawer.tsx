import { Button, Code, CopyButton, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import type { Job } from '../../../src-preload/contract';
import { useBilingual, useT } from '../../i18n/i18n';

/** The exact command lines and the end of ffmpeg's output: what an operator needs to reproduce. */
export function JobDrawer({ job, onClose }: { job: Job | null; onClose: () => void }) {
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
      title={job ? `${t('encodings.job')} ${String(job.id)} — ${job.subject}` : ''}
    >
      {job && (
        <Stack>
          {job.error && <Text c="red">{pick(job.error)}</Text>}
          <Group justify="space-between">
            <Title order={5}>{t('encodings.commands')}</Title>
            <CopyButton value={commands}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('encodings.copied') : t('encodings.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Code block data-testid="job-commands">
            {commands || '—'}
          </Code>
          <Group justify="space-between">
            <Title order={5}>{t('encodings.stderr')}</Title>
            <CopyButton value={stderr}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('encodings.copied') : t('encodings.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Code block mah={400} style={{ overflow: 'auto' }}>
            {stderr || '—'}
          </Code>
        </Stack>
      )}
    </Drawer>
  );
}
