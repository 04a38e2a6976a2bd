import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { BbbServerView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { RowAction } from '../../components/RowAction';
import { useT } from '../../i18n/i18n';
import { appInfoStore } from '../users/usersStore';
import { bbbServersStore } from './bbbStores';
import { ServerForm } from './ServerForm';
import { ServerState } from './ServerState';

type Editing = { mode: 'add' } | { mode: 'edit'; server: BbbServerView } | null;

/** BBB and Scalelite servers: add, edit, test the connection, remove. */
export function ServersTab(props: { isAddAsked?: boolean }) {
  const t = useT();
  const servers = bbbServersStore.use((s) => s.data) ?? [];
  const canEdit = appInfoStore.use((s) => s.data?.operator.permissions.manageSettings) ?? false;
  // The other tabs' "Add a server" opens this tab with the form open.
  const [editing, setEditing] = useState<Editing>(
    props.isAddAsked && canEdit ? { mode: 'add' } : null,
  );
  const [testing, setTesting] = useState<number | null>(null);
  const [removing, setRemoving] = useState<{ id: number; name: string } | null>(null);
  const test = (id: number) => {
    setTesting(id);
    void call('bbbServers.test', { id }).finally(() => setTesting(null));
  };
  return (
    <Stack>
      {!canEdit && <Alert color="yellow">{t('common.forbidden')}</Alert>}
      <Group justify="flex-end">
        <Button disabled={!canEdit} onClick={() => setEditing({ mode: 'add' })}>
          {t('bbb.server.add')}
        </Button>
      </Group>
      {servers.length === 0 ? (
        <Text c="dimmed">{t('bbb.server.none')}</Text>
      ) : (
        <Table verticalSpacing="xs" data-testid="bbb-servers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bbb.server.name')}</Table.Th>
              <Table.Th>{t('bbb.server.url')}</Table.Th>
              <Table.Th>{t('bbb.server.checksum')}</Table.Th>
              <Table.Th>{t('bbb.server.version')}</Table.Th>
              <Table.Th>{t('bbb.server.state')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {servers.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={500}>
                  {s.name}{' '}
                  {s.autoPublish && (
                    <Badge size="xs" variant="outline">
                      {t('bbb.server.auto')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {s.url}
                </Table.Td>
                <Table.Td>{s.checksum}</Table.Td>
                <Table.Td>{s.version ?? '—'}</Table.Td>
                <Table.Td>
                  <ServerState server={s} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      loading={testing === s.id}
                      onClick={() => test(s.id)}
                      aria-label={`${t('bbb.server.test')} ${s.name}`}
                    >
                      {t('bbb.server.test')}
                    </Button>
                    <RowAction
                      label={t('common.edit')}
                      subject={s.name}
                      icon={IconPencil}
                      isDisabled={!canEdit}
                      onClick={() => setEditing({ mode: 'edit', server: s })}
                    />
                    <RowAction
                      label={t('common.delete')}
                      subject={s.name}
                      icon={IconTrash}
                      color="red"
                      isDisabled={!canEdit}
                      onClick={() => setRemoving({ id: s.id, name: s.name })}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        question={removing ? t('bbb.server.removeQuestion', { name: removing.name }) : null}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void call('bbbServers.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing?.mode === 'edit' ? 'bbb.server.edit' : 'bbb.server.add')}
        size="lg"
      >
        {editing && (
          <ServerForm
            key={editing.mode === 'edit' ? editing.server.id : 'new'}
            server={editing.mode === 'edit' ? editing.server : undefined}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
