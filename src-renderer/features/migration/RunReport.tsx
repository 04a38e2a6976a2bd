import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRotateClockwise } from '@tabler/icons-react';
import { useState } from 'react';
import type { MigrationRunView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useFormat, useLanguage, useT } from '../../i18n/i18n';
import { ActionCounts } from './ActionCounts';
import { callErrorText } from './callErrorText';
import { statusColor } from './labels';
import { RunLines } from './RunLines';
import { RunProgress } from './RunProgress';

/**
 * A run's report: done, skipped and failed lines with their reasons; the failures (or the lines
 * an interruption left) run again on the same run, where done lines are not redone.
 */
export function RunReport({ run }: { run: MigrationRunView }) {
  const t = useT();
  const format = useFormat();
  const language = useLanguage((s) => s.language);
  const [isStarting, setStarting] = useState(false);
  const failed = run.byState.failed ?? 0;
  const isOpen = (run.byState.planned ?? 0) + (run.byState.running ?? 0) > 0;
  const canRestart = !run.isDry && run.status !== 'running' && (failed > 0 || isOpen);
  const restart = () => {
    setStarting(true);
    call('migration.start', { runId: run.id })
      .catch((error: unknown) =>
        notifications.show({ color: 'red', message: callErrorText(error, language).join('\n') }),
      )
      .finally(() => setStarting(false));
  };
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
        {canRestart && (
          <Button
            leftSection={<IconRotateClockwise size={16} />}
            loading={isStarting}
            onClick={restart}
          >
            {failed > 0 ? t('migration.run.retry') : t('migration.run.resume')}
          </Button>
        )}
      </Group>
      <ActionCounts run={run} />
      {!run.isDry && <RunProgress run={run} />}
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
