import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { SftpSourceView } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { RowAction } from '../../components/RowAction';
import { useBilingual, useT } from '../../i18n/i18n';
import { SftpForm } from './SftpForm';
import { sftpStore } from './sftpStore';

/** Remote drop folders polled over SFTP, with their connection state. */
export function SftpSources({ canManage }: { canManage: boolean }) {
  const t = useT();
  const pick = useBilingual();
  const sources = sftpStore.use((s) => s.data) ?? [];
  const [isAdding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SftpSourceView | null>(null);
  const state = (s: SftpSourceView) =>
    s.isConnected === null ? (
      <Badge color="gray" variant="light" tt="none">
        {t('sftp.state.idle')}
      </Badge>
    ) : s.isConnected ? (
      <Badge color="green" variant="light" tt="none">
        {t('sftp.state.connected')}
      </Badge>
    ) : (
      <Badge color="red" variant="light" tt="none" title={s.lastError ?? ''}>
        {t('sftp.state.down')}
      </Badge>
    );
  const remove = (source: SftpSourceView) => {
    setRemoving(null);
    call('sftp.remove', { id: source.id }).catch((error: unknown) =>
      notifications.show({
        color: 'red',
        message: error instanceof CallError ? pick(error.wire.message) : String(error),
      }),
    );
  };
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="sm">
        <Stack gap={2}>
          <Title order={4}>{t('sftp.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('sftp.intro')}
          </Text>
        </Stack>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          disabled={!canManage}
          onClick={() => setAdding(true)}
        >
          {t('sftp.add')}
        </Button>
      </Group>
      {sources.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('sftp.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {sources.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={500}>{s.name}</Table.Td>
                <Table.Td
                  ff="monospace"
                  fz="sm"
                >{`${s.username}@${s.host}:${String(s.port)}${s.remoteRoot}`}</Table.Td>
                <Table.Td>{state(s)}</Table.Td>
                <Table.Td fz="sm">{t(`sftp.after.${s.afterProcessing}`)}</Table.Td>
                <Table.Td>
                  <RowAction
                    label={t('common.delete')}
                    subject={s.name}
                    icon={IconTrash}
                    color="red"
                    isDisabled={!canManage}
                    onClick={() => setRemoving(s)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={isAdding} onClose={() => setAdding(false)} title={t('sftp.add')} size="lg">
        {isAdding && <SftpForm onDone={() => setAdding(false)} />}
      </Modal>
      <ConfirmModal
        question={removing ? t('sftp.removeConfirm', { name: removing.name }) : null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove(removing)}
      />
    </Card>
  );
}
