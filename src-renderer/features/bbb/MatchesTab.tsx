import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BbbMatchCase, User } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { useT } from '../../i18n/i18n';
import { usersStore } from '../users/usersStore';
import { bbbMatchesStore } from './bbbStores';

function MatchRow({ c, users }: { c: BbbMatchCase; users: User[] }) {
  const t = useT();
  const candidates = users.filter((u) => c.candidateUserIds.includes(u.id));
  const [choice, setChoice] = useState<string | null>(candidates[0]?.username ?? null);
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
            aria-label={`${t('bbb.match.user')} ${c.fullName}`}
          />
          <Button
            size="xs"
            disabled={choice === null}
            loading={isBusy}
            onClick={() =>
              void run(
                () => call('bbb.match', { attendeeId: c.attendeeId, username: choice ?? '' }),
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
        </Group>
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
