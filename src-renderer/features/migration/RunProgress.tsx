import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { MigrationRunView } from '../../../src-preload/contract';
import { useLanguage, useT } from '../../i18n/i18n';
import { StateCounts } from './StateCounts';

/** How far a run is: a bar, the counts by state, and, for files, that Régie must keep running. */
export function RunProgress({ run }: { run: MigrationRunView }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const finished = (run.byState.done ?? 0) + (run.byState.skipped ?? 0) + (run.byState.failed ?? 0);
  const isOpen = (run.byState.planned ?? 0) + (run.byState.running ?? 0) > 0;
  return (
    <Stack gap="xs">
      {run.mode === 'manual_claim' && isOpen && (
        <Alert color="blue" icon={<IconInfoCircle />}>
          {t('migration.run.keepOpen')}
        </Alert>
      )}
      <Progress
        value={run.total === 0 ? 100 : (100 * finished) / run.total}
        color={(run.byState.failed ?? 0) > 0 ? 'orange' : 'green'}
        animated={run.status === 'running'}
        size="lg"
        aria-label={t('migration.step.run')}
      />
      <Group justify="space-between">
        <Text size="sm" data-testid="migration-progress">
          {t('migration.run.progress', {
            done: finished.toLocaleString(language),
            total: run.total.toLocaleString(language),
          })}
        </Text>
        <StateCounts run={run} />
      </Group>
    </Stack>
  );
}
