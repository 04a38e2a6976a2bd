import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { RecorderView } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { RowAction } from '../../components/RowAction';
import { PanelHeader } from '../../components/PanelHeader';
import { useBilingual, useT } from '../../i18n/i18n';
import { appInfoStore, usersStore } from '../users/usersStore';
import { SftpSources } from '../sftp/SftpSources';
import { DropPath } from './DropPath';
import { RecorderForm } from './RecorderForm';
import { recordersStore } from './recordersStore';

type Editing = { mode: 'create' } | { mode: 'edit'; recorder: RecorderView } | null;

export function RecordersPanel() {
  const t = useT();
  const pick = useBilingual();
  const recorders = recordersStore.use((s) => s.data);
  const users = usersStore.use((s) => s.data) ?? [];
  const canManage = appInfoStore.use((s) => s.data?.operator.permissions.manageRecorders) ?? false;
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<RecorderView | null>(null);
  const username = (id: number | null) => users.find((u) => u.id === id)?.username;

  const remove = (recorder: RecorderView) => {
    setDeleting(null);
    call('recorders.remove', { id: recorder.id }).then(
      () =>
        notifications.show({
          color: 'green',
          message: t('recorders.deleted', { name: recorder.name }),
        }),
      (error: unknown) =>
        notifications.show({
          color: 'red',
          message: error instanceof CallError ? pick(error.wire.message) : String(error),
        }),
    );
  };

  return (
    <Stack>
      <PanelHeader
        title={t('recorders.title')}
        intro={t('recorders.intro')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ mode: 'create' })}
            disabled={!canManage}
          >
            {t('recorders.add')}
          </Button>
        }
      />
      {!canManage && <Alert color="yellow">{t('common.forbidden')}</Alert>}
      {recorders === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : recorders.length === 0 ? (
        <Text c="dimmed">{t('recorders.empty')}</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="recorders-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recorders.field.name')}</Table.Th>
              <Table.Th>{t('recorders.column.dropPath')}</Table.Th>
              <Table.Th>{t('recorders.field.recordingType')}</Table.Th>
              <Table.Th>{t('recorders.field.addressIp')}</Table.Th>
              <Table.Th>{t('recorders.column.mode')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recorders.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td fw={500}>{r.name}</Table.Td>
                <Table.Td>
                  <DropPath recorder={r} />
                </Table.Td>
                <Table.Td>{t(`recorders.type.${r.recordingType}`)}</Table.Td>
                <Table.Td ff="monospace">{r.addressIp ?? t('common.none')}</Table.Td>
                <Table.Td>
                  {r.managerId === null ? (
                    <Badge variant="light" color="grape" tt="none">
                      {t('recorders.mode.claim')}
                    </Badge>
                  ) : (
                    <Badge
                      variant="light"
                      tt="none"
                    >{`${t('recorders.mode.manager')} · ${username(r.managerId) ?? '?'}`}</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <RowAction
                      label={t('common.edit')}
                      subject={r.name}
                      icon={IconPencil}
                      isDisabled={!canManage}
                      onClick={() => setEditing({ mode: 'edit', recorder: r })}
                    />
                    <RowAction
                      label={t('common.delete')}
                      subject={r.name}
                      icon={IconTrash}
                      color="red"
                      isDisabled={!canManage}
                      onClick={() => setDeleting(r)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SftpSources canManage={canManage} />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing?.mode === 'edit' ? 'recorders.editTitle' : 'recorders.add')}
        size="xl"
      >
        {editing && (
          <RecorderForm
            key={editing.mode === 'edit' ? editing.recorder.id : 'new'}
            recorder={editing.mode === 'edit' ? editing.recorder : undefined}
            users={users}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmModal
        question={deleting ? t('recorders.deleteConfirm', { name: deleting.name }) : null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      />
    </Stack>
  );
}
