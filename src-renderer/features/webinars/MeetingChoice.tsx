import { Button, Group, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { BbbMeetingView } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { bbbMeetingsStore } from '../bbb/bbbStores';
import { webinarsStore } from './webinarStores';

export type MeetingSource = 'new' | 'existing';

/**
 * The webinar's BBB meeting: a new one Régie creates at start (the default), or one running now
 * on the chosen server, from the BBB mirror (issue #13 §2). A meeting already a webinar there is
 * listed but cannot be taken (the main side refuses it). The form fills an empty name from the
 * meeting chosen (`onMeetingChange`).
 */
export function MeetingChoice(props: {
  serverId: string | null;
  source: MeetingSource;
  onSourceChange: (source: MeetingSource) => void;
  meetingId: string | null;
  error: ReactNode;
  onMeetingChange: (meetingId: string | null, meeting: BbbMeetingView | undefined) => void;
}) {
  const t = useT();
  const format = useFormat();
  const pick = useBilingual();
  const meetings = bbbMeetingsStore.use((s) => s.data) ?? [];
  const webinars = webinarsStore.use((s) => s.data) ?? [];
  const [isPolling, setPolling] = useState(false);
  const { serverId } = props;
  const running = meetings
    .filter((m) => m.isRunning && String(m.serverId) === serverId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const taken = new Set(
    webinars.filter((w) => String(w.serverId) === serverId).map((w) => w.meetingId),
  );
  const byId = new Map(running.map((m) => [m.meetingId, m]));
  const chosen = props.meetingId === null ? undefined : byId.get(props.meetingId);
  // The mirror is polled every BBB_POLL_SECONDS while the console runs: a meeting started a
  // moment ago shows once polled, hence the button (the BBB panel's "Poll now").
  const poll = () => {
    setPolling(true);
    void call('bbbMeetings.poll', {})
      .then((report) => {
        // Only the chosen server's answer matters here.
        const failed = report.servers.find((s) => String(s.serverId) === serverId && !s.ok);
        if (failed)
          notifications.show({
            color: 'orange',
            message: format.labelled(failed.name, failed.error ?? ''),
          });
      })
      .catch((error: unknown) =>
        notifications.show({
          color: 'red',
          message: error instanceof CallError ? pick(error.wire.message) : String(error),
        }),
      )
      .finally(() => setPolling(false));
  };
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('webinars.meeting.label')}
        value={props.source}
        onChange={(value) => props.onSourceChange(value === 'existing' ? 'existing' : 'new')}
      >
        <Group mt={4}>
          <Radio value="new" label={t('webinars.meeting.new')} />
          <Radio value="existing" label={t('webinars.meeting.existing')} />
        </Group>
      </Radio.Group>
      {props.source === 'existing' && (
        <Stack gap={6} data-testid="webinar-meeting-choice">
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Select
              style={{ flex: 1 }}
              label={t('webinars.meeting.running')}
              placeholder={
                running.length === 0
                  ? t('webinars.meeting.noneRunning')
                  : t('webinars.meeting.pick')
              }
              data={running.map((m) => ({
                value: m.meetingId,
                label: m.name,
                disabled: taken.has(m.meetingId),
              }))}
              renderOption={({ option }) => {
                const m = byId.get(option.value);
                return (
                  <div>
                    <Text size="sm" fw={500}>
                      {m?.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {option.value} ·{' '}
                      {t('webinars.meeting.participants', { count: m?.participantCount ?? 0 })}
                      {taken.has(option.value) ? ` · ${t('webinars.meeting.taken')}` : ''}
                    </Text>
                  </div>
                );
              }}
              searchable
              // By name or meetingID (the label is the name alone: the field is narrow).
              filter={({ options, search }) =>
                options.filter(
                  (o) =>
                    'value' in o &&
                    `${o.label} ${o.value}`.toLowerCase().includes(search.trim().toLowerCase()),
                )
              }
              withAsterisk
              disabled={serverId === null}
              value={props.meetingId}
              error={props.error}
              onChange={(value) =>
                props.onMeetingChange(value, value === null ? undefined : byId.get(value))
              }
            />
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={isPolling}
              onClick={poll}
            >
              {t('webinars.meeting.poll')}
            </Button>
          </Group>
          {chosen && (
            <Text size="xs" data-testid="webinar-meeting-chosen">
              <Text span size="xs" ff="monospace">
                {chosen.meetingId}
              </Text>
              {' · '}
              {t('webinars.meeting.participants', { count: chosen.participantCount })}
            </Text>
          )}
          {serverId !== null && running.length === 0 && (
            <Text size="xs" c="orange" data-testid="webinar-meeting-none">
              {t('webinars.meeting.noneHelp')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('webinars.meeting.existingHelp')}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
