import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BbbChecksum } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormActions } from '../../components/FormActions';
import { useT } from '../../i18n/i18n';
import { appInfoStore } from '../users/usersStore';
import { bbbServersStore } from './bbbStores';

interface Values {
  name: string;
  url: string;
  secret: string;
  checksum: BbbChecksum;
  autoPublish: boolean;
}

function ServerForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const form = useForm<Values>({
    initialValues: { name: '', url: '', secret: '', checksum: 'sha256', autoPublish: false },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const submit = (v: Values) =>
    void run(
      async () => {
        const server = await call('bbbServers.add', v);
        return call('bbbServers.test', { id: server.id });
      },
      (server) => {
        notifications.show({
          color: server.isReachable ? 'green' : 'orange',
          message: server.isReachable
            ? t('bbb.server.added', { name: server.name, version: server.version ?? '' })
            : t('bbb.server.addedUnreachable', {
                name: server.name,
                error: server.lastError ?? '',
              }),
        });
        onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('bbb.server.name')} withAsterisk {...form.getInputProps('name')} />
          <Select
            label={t('bbb.server.checksum')}
            description={t('bbb.server.checksumHelp')}
            data={['sha256', 'sha1', 'sha512', 'sha384']}
            allowDeselect={false}
            {...form.getInputProps('checksum')}
          />
        </SimpleGrid>
        <TextInput
          label={t('bbb.server.url')}
          placeholder="https://bbb.univ.fr/bigbluebutton/api"
          withAsterisk
          {...form.getInputProps('url')}
        />
        <PasswordInput
          label={t('bbb.server.secret')}
          withAsterisk
          {...form.getInputProps('secret')}
        />
        <Switch
          label={t('bbb.server.autoPublish')}
          description={t('bbb.server.autoPublishHelp')}
          {...form.getInputProps('autoPublish', { type: 'checkbox' })}
        />
        <FormActions isBusy={isBusy} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** BBB and Scalelite servers: add, test the connection, remove. */
export function ServersTab() {
  const t = useT();
  const servers = bbbServersStore.use((s) => s.data) ?? [];
  const canEdit = appInfoStore.use((s) => s.data?.operator.permissions.manageSettings) ?? false;
  const [isAdding, setAdding] = useState(false);
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
        <Button disabled={!canEdit} onClick={() => setAdding(true)}>
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
                  <Badge
                    variant="light"
                    color={s.isReachable === null ? 'gray' : s.isReachable ? 'green' : 'red'}
                    tt="none"
                  >
                    {t(
                      s.isReachable === null
                        ? 'bbb.server.untested'
                        : s.isReachable
                          ? 'bbb.server.reachable'
                          : 'bbb.server.unreachable',
                    )}
                  </Badge>
                  {s.lastError && (
                    <Text size="xs" c="red" maw={360}>
                      {s.lastError}
                    </Text>
                  )}
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
                    {canEdit && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoving({ id: s.id, name: s.name })}
                        aria-label={`${t('common.delete')} ${s.name}`}
                      >
                        {t('common.delete')}
                      </Button>
                    )}
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
        opened={isAdding}
        onClose={() => setAdding(false)}
        title={t('bbb.server.add')}
        size="lg"
      >
        <ServerForm onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}
