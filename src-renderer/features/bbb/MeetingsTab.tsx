import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BbbAttendeeView, BbbMeetingView, User } from '../../../src-preload/contract';
import { formatDuration } from '../../components/format';
import { useLanguage, useT } from '../../i18n/i18n';
import { usersStore } from '../users/usersStore';
import { bbbMeetingsStore } from './bbbStores';

const matchColor: Record<BbbAttendeeView['matchState'], string> = {
  matched: 'green',
  chosen: 'teal',
  ambiguous: 'orange',
  none: 'red',
  unmatched: 'gray',
};

/** A moderator: the Régie user when known, else the BBB name with why it is not matched. */
function Moderator({ a, users }: { a: BbbAttendeeView; users: User[] }) {
  const t = useT();
  const user = a.userId === null ? undefined : users.find((u) => u.id === a.userId);
  return (
    <Tooltip label={`${a.fullName} · ${t(`bbb.match.${a.matchState}`)}`} withArrow>
      <Badge variant="light" color={matchColor[a.matchState]} tt="none">
        {user ? user.username : a.fullName}
      </Badge>
    </Tooltip>
  );
}

/** Running meetings (live, with their duration ticking) or past ones, with the moderators seen. */
export function MeetingsTab({ running }: { running: boolean }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const meetings = (bbbMeetingsStore.use((s) => s.data) ?? [])
    .filter((m) => m.isRunning === running)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const users = usersStore.use((s) => s.data) ?? [];
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const duration = (m: BbbMeetingView) =>
    formatDuration(
      Math.max(0, ((m.endedAt ? Date.parse(m.endedAt) : now) - Date.parse(m.startedAt)) / 1000),
    );
  if (meetings.length === 0)
    return (
      <Text c="dimmed">{t(running ? 'bbb.meetings.noneRunning' : 'bbb.meetings.nonePast')}</Text>
    );
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table
        verticalSpacing="xs"
        highlightOnHover
        data-testid={running ? 'bbb-running' : 'bbb-past'}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('bbb.meetings.name')}</Table.Th>
            <Table.Th>{t('bbb.meetings.moderators')}</Table.Th>
            <Table.Th>{t(running ? 'bbb.meetings.participants' : 'bbb.meetings.peak')}</Table.Th>
            <Table.Th>{t('bbb.meetings.started')}</Table.Th>
            <Table.Th>{t('bbb.meetings.duration')}</Table.Th>
            <Table.Th>{t('bbb.meetings.origin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meetings.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {m.recording && running && (
                    <Tooltip label={t('bbb.meetings.recordingFlag')}>
                      <Badge color="red" variant="dot" tt="none">
                        REC
                      </Badge>
                    </Tooltip>
                  )}
                  <div>
                    <Text fw={500} size="sm">
                      {m.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {m.serverName}
                      {m.isBreakout ? ` · ${t('bbb.meetings.breakout')}` : ''}
                    </Text>
                  </div>
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {m.moderators.length === 0 ? (
                    <Text size="xs" c="dimmed">
                      —
                    </Text>
                  ) : (
                    m.moderators.map((a) => <Moderator key={a.id} a={a} users={users} />)
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{running ? m.participantCount : m.maxParticipants}</Table.Td>
              <Table.Td>{time.format(new Date(m.startedAt))}</Table.Td>
              <Table.Td>{duration(m)}</Table.Td>
              <Table.Td>
                <Text size="sm">{m.origin ?? '—'}</Text>
                <Text size="xs" c="dimmed">
                  {[m.originServer, m.context].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
