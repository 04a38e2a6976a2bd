import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BbbMatchCase, User } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { useT } from '../../i18n/i18n';
import { FormActions } from '../../components/FormActions';
import { appInfoStore, usersStore } from '../users/usersStore';
import { settingsStore } from '../settings/settingsStore';
import { bbbMatchesStore } from './bbbStores';

const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** A Régie user made from the BBB name (split as BBB_USERNAME_FORMAT says), then matched. */
function CreateUser({ c, onDone }: { c: BbbMatchCase; onDone: () => void }) {
  const t = useT();
  const format = settingsStore.use(
    (s) => s.data?.find((x) => x.key === 'BBB_USERNAME_FORMAT')?.value,
  );
  const words = c.fullName.trim().split(/\s+/);
  const [first, last] =
    format === 'last_name first_name'
      ? [words.slice(1).join(' '), words[0] ?? '']
      : [words[0] ?? '', words.slice(1).join(' ')];
  const form = useForm({
    initialValues: {
      username: ascii(`${first.charAt(0)}${last}`),
      firstName: first,
      lastName: last,
      email: '',
      isStaff: true,
    },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const submit = (v: typeof form.values) =>
    void run(
      async () => {
        const user = await call('users.create', v);
        return call('bbbMatches.choose', { attendeeId: c.attendeeId, username: user.username });
      },
      () => {
        notifications.show({ color: 'green', message: t('bbb.match.saved', { name: c.fullName }) });
        onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput label={t('users.field.firstName')} {...form.getInputProps('firstName')} />
          <TextInput label={t('users.field.lastName')} {...form.getInputProps('lastName')} />
          <TextInput
            label={t('users.field.username')}
            withAsterisk
            {...form.getInputProps('username')}
          />
          <TextInput label={t('users.field.email')} {...form.getInputProps('email')} />
        </SimpleGrid>
        <Checkbox
          label={t('users.field.isStaff')}
          {...form.getInputProps('isStaff', { type: 'checkbox' })}
        />
        <FormActions isBusy={isBusy} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function MatchRow({ c, users }: { c: BbbMatchCase; users: User[] }) {
  const t = useT();
  const candidates = users.filter((u) => c.candidateUserIds.includes(u.id));
  const [choice, setChoice] = useState<string | null>(candidates[0]?.username ?? null);
  const [isCreating, setCreating] = useState(false);
  const canCreate = appInfoStore.use((s) => s.data?.operator.permissions.manageUsers) ?? false;
  const { run, isBusy } = useSubmit((errors) =>
    notifications.show({ color: 'red', message: Object.values(errors)[0] ?? '' }),
  );
  const label = (u: User) => `${u.username} — ${u.firstName} ${u.lastName}`;
  const data = [
    ...(candidates.length > 0
      ? [
          {
            group: t('bbb.match.candidates'),
            items: candidates.map((u) => ({ value: u.username, label: label(u) })),
          },
        ]
      : []),
    {
      group: t('bbb.match.everyone'),
      items: users
        .filter((u) => !c.candidateUserIds.includes(u.id))
        .map((u) => ({ value: u.username, label: label(u) })),
    },
  ];
  return (
    <Table.Tr>
      <Table.Td fw={500}>{c.fullName}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={c.matchState === 'ambiguous' ? 'orange' : 'red'} tt="none">
          {t(`bbb.match.${c.matchState}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.meetingName}</Text>
        <Text size="xs" c="dimmed">
          {c.serverName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            w={260}
            searchable
            data={data}
            value={choice}
            onChange={setChoice}
            placeholder={t('bbb.match.pick')}
            aria-label={`${t('bbb.match.user')} ${c.fullName}`}
          />
          <Button
            size="xs"
            disabled={choice === null}
            loading={isBusy}
            onClick={() =>
              void run(
                () =>
                  call('bbbMatches.choose', { attendeeId: c.attendeeId, username: choice ?? '' }),
                () =>
                  notifications.show({
                    color: 'green',
                    message: t('bbb.match.saved', { name: c.fullName }),
                  }),
              )
            }
          >
            {t('bbb.match.confirm')}
          </Button>
          {canCreate && (
            <Button size="xs" variant="default" onClick={() => setCreating(true)}>
              {t('bbb.match.create')}
            </Button>
          )}
        </Group>
        <Modal
          opened={isCreating}
          onClose={() => setCreating(false)}
          title={`${t('bbb.match.create')} · ${c.fullName}`}
        >
          <CreateUser c={c} onDone={() => setCreating(false)} />
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}

/** Moderators Régie could not match by name: the operator says who they are, once. */
export function MatchesTab() {
  const t = useT();
  const cases = bbbMatchesStore.use((s) => s.data) ?? [];
  const users = usersStore.use((s) => s.data) ?? [];
  if (cases.length === 0) return <Text c="dimmed">{t('bbb.match.empty')}</Text>;
  return (
    <Table verticalSpacing="xs" data-testid="bbb-matches">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('bbb.match.bbbName')}</Table.Th>
          <Table.Th>{t('bbb.match.why')}</Table.Th>
          <Table.Th>{t('bbb.meetings.name')}</Table.Th>
          <Table.Th>{t('bbb.match.user')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cases.map((c) => (
          <MatchRow key={c.identity} c={c} users={users} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
