import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { MigrationRunView } from '../../../src-preload/contract';
import { useFormat, useT } from '../../i18n/i18n';
import { ActionCounts } from './ActionCounts';
import { statusColor } from './labels';
import { RunControls } from './RunControls';
import { RunLines } from './RunLines';
import { RunProgress } from './RunProgress';

/**
 * A run's report: done, skipped and failed lines with their reasons; the failures (or the lines
 * an interruption left) run again on the same run, where done lines are not redone.
 */
export function RunReport({ run }: { run: MigrationRunView }) {
  const t = useT();
  const format = useFormat();
  const failed = run.byState.failed ?? 0;
  const isOpen = (run.byState.planned ?? 0) + (run.byState.running ?? 0) > 0;
  return (
    <Stack data-testid="migration-report">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3}>
              {t('migration.report.title', { id: run.id, server: run.serverName })}
            </Title>
            <Badge variant="light" color={statusColor[run.status]} tt="none">
              {t(`migration.status.${run.status}`)}
            </Badge>
            {run.isDry && (
              <Badge variant="outline" color="gray" tt="none">
                {t('migration.report.dry')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {[t(`migration.mode.${run.mode}`), format.dateTime(run.createdAt), run.csvPath ?? '']
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <RunControls run={run} />
      </Group>
      <ActionCounts run={run} />
      {!run.isDry && <RunProgress run={run} />}
      {run.status === 'cancelled' && isOpen && (
        <Alert color="gray">
          {t('migration.report.cancelledHint', { count: run.byState.planned ?? 0 })}
        </Alert>
      )}
      {failed > 0 ? (
        <Alert color="orange">{t('migration.report.failedHint')}</Alert>
      ) : (
        !run.isDry &&
        !isOpen && (
          <Text size="sm" c="green">
            {t('migration.report.allDone')}
          </Text>
        )
      )}
      <RunLines run={run} initialState={failed > 0 ? 'failed' : null} />
    </Stack>
  );
}
