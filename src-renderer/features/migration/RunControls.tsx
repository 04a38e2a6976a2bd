import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerStop, IconRotateClockwise } from '@tabler/icons-react';
import { useState } from 'react';
import type { MigrationRunView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useLanguage, useT } from '../../i18n/i18n';
import { callErrorText } from './callErrorText';

/**
 * Stop a running run (after a question: its waiting lines go back to "to do"), or start it
 * again: the failures, or the lines a stop or an interruption left. Done lines are never redone.
 */
export function RunControls({ run }: { run: MigrationRunView }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const [busy, setBusy] = useState<'start' | 'cancel' | null>(null);
  const [isAsking, setAsking] = useState(false);
  const failed = run.byState.failed ?? 0;
  const isOpen = (run.byState.planned ?? 0) + (run.byState.running ?? 0) > 0;
  const canRestart = !run.isDry && run.status !== 'running' && (failed > 0 || isOpen);
  const canCancel = !run.isDry && run.status === 'running';
  const act = (what: 'start' | 'cancel') => {
    setAsking(false);
    setBusy(what);
    call(what === 'start' ? 'migration.start' : 'migration.cancel', { runId: run.id })
      .catch((error: unknown) =>
        notifications.show({ color: 'red', message: callErrorText(error, language).join('\n') }),
      )
      .finally(() => setBusy(null));
  };
  if (!canRestart && !canCancel) return null;
  return (
    <Group gap="xs">
      {canCancel && (
        <Button
          color="red"
          variant="light"
          leftSection={<IconPlayerStop size={16} />}
          loading={busy === 'cancel'}
          onClick={() => setAsking(true)}
        >
          {t('migration.run.cancel')}
        </Button>
      )}
      {canRestart && (
        <Button
          leftSection={<IconRotateClockwise size={16} />}
          loading={busy === 'start'}
          onClick={() => act('start')}
        >
          {failed > 0 ? t('migration.run.retry') : t('migration.run.resume')}
        </Button>
      )}
      <Modal
        opened={isAsking}
        onClose={() => setAsking(false)}
        title={t('migration.run.cancel.title', { id: run.id })}
        centered
      >
        <Text size="sm">{t('migration.run.cancel.question')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setAsking(false)}>
            {t('migration.run.cancel.keep')}
          </Button>
          <Button color="red" onClick={() => act('cancel')}>
            {t('migration.run.cancel')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}
