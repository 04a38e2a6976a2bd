import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { User } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { RowAction } from '../../components/RowAction';
import { PanelHeader } from '../../components/PanelHeader';
import { useBilingual, useT } from '../../i18n/i18n';
import { UserForm } from './UserForm';
import { UserOrigin } from './UserOrigin';
import { appInfoStore, usersStore } from './usersStore';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function UsersPanel() {
  const t = useT();
  const pick = useBilingual();
  const users = usersStore.use((s) => s.data);
  const operator = appInfoStore.use((s) => s.data?.operator);
  const canManage = operator?.permissions.manageUsers ?? false;
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<User | null>(null);

  const report = (error: unknown) =>
    notifications.show({
      color: 'red',
      message: error instanceof CallError ? pick(error.wire.message) : String(error),
    });
  const actAs = (username: string | null) => call('operator.set', { username }).catch(report);
  const remove = (user: User) => {
    setDeleting(null);
    call('users.remove', { id: user.id }).then(
      () =>
        notifications.show({
          color: 'green',
          message: t('users.deleted', { name: user.username }),
        }),
      report,
    );
  };

  return (
    <Stack>
      <PanelHeader
        title={t('users.title')}
        intro={t('users.intro')}
        actions={
          <Group>
            {operator?.user && (
              <Button variant="default" onClick={() => void actAs(null)}>
                {t('users.actAsLocalAdmin')}
              </Button>
            )}
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing({ mode: 'create' })}
              disabled={!canManage}
            >
              {t('users.add')}
            </Button>
          </Group>
        }
      />
      {users === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : users.length === 0 ? (
        <Text c="dimmed">{t('users.empty')}</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.field.username')}</Table.Th>
              <Table.Th>{t('users.field.firstName')}</Table.Th>
              <Table.Th>{t('users.field.lastName')}</Table.Th>
              <Table.Th>{t('users.field.email')}</Table.Th>
              <Table.Th>{t('users.field.affiliation')}</Table.Th>
              <Table.Th>{t('users.field.groups')}</Table.Th>
              <Table.Th>{t('users.column.origin')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Group gap={6}>
                    <Text fw={500}>{u.username}</Text>
                    {u.isSuperuser && (
                      <Badge size="xs" color="red" variant="light">
                        {t('users.field.isSuperuser')}
                      </Badge>
                    )}
                    {u.isStaff && (
                      <Badge size="xs" variant="light">
                        {t('users.field.isStaff')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{u.firstName || t('common.none')}</Table.Td>
                <Table.Td>{u.lastName || t('common.none')}</Table.Td>
                <Table.Td>{u.email || t('common.none')}</Table.Td>
                <Table.Td>{u.affiliation || t('common.none')}</Table.Td>
                <Table.Td>{u.groups.join(', ') || t('common.none')}</Table.Td>
                <Table.Td>
                  <UserOrigin user={u} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <RowAction
                      label={t('users.actAs')}
                      subject={u.username}
                      icon={IconUserCheck}
                      isDisabled={operator?.user?.id === u.id}
                      onClick={() => void actAs(u.username)}
                    />
                    <RowAction
                      label={t('common.edit')}
                      subject={u.username}
                      icon={IconPencil}
                      isDisabled={!canManage || u.origin === 'pod'}
                      disabledReason={u.origin === 'pod' ? t('users.inPodOnly') : undefined}
                      onClick={() => setEditing({ mode: 'edit', user: u })}
                    />
                    <RowAction
                      label={t('common.delete')}
                      subject={u.username}
                      icon={IconTrash}
                      color="red"
                      isDisabled={!canManage || u.origin === 'pod'}
                      disabledReason={u.origin === 'pod' ? t('users.inPodOnly') : undefined}
                      onClick={() => setDeleting(u)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing?.mode === 'edit' ? 'users.editTitle' : 'users.add')}
        size="lg"
      >
        {editing && (
          <UserForm
            key={editing.mode === 'edit' ? editing.user.id : 'new'}
            user={editing.mode === 'edit' ? editing.user : undefined}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmModal
        question={deleting ? t('users.deleteConfirm', { name: deleting.username }) : null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      />
    </Stack>
  );
}
