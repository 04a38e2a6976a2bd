import { Badge, Button, Group, Stack, Tabs, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../../client/client';
import { PanelHeader } from '../../components/PanelHeader';
import { useFormat, useT } from '../../i18n/i18n';
import {
  bbbMatchesStore,
  bbbMeetingsStore,
  bbbRecordingsStore,
  bbbServersStore,
} from './bbbStores';
import { MatchesTab } from './MatchesTab';
import { MeetingsTab } from './MeetingsTab';
import { NoServer } from './NoServer';
import { RecordingsTab } from './RecordingsTab';
import { ServersTab } from './ServersTab';

/** BigBlueButton: meetings now and past with their moderators, recordings, matching, servers. */
export function BbbPanel() {
  const t = useT();
  const format = useFormat();
  useEffect(() => {
    for (const store of [bbbServersStore, bbbMeetingsStore, bbbRecordingsStore, bbbMatchesStore])
      store.start();
  }, []);
  const running = (bbbMeetingsStore.use((s) => s.data) ?? []).filter((m) => m.isRunning).length;
  const open = (bbbMatchesStore.use((s) => s.data) ?? []).length;
  const servers = bbbServersStore.use((s) => s.data);
  const hasNoServer = servers?.length === 0;
  const [tab, setTab] = useState<string | null>('running');
  const [isAddAsked, setAddAsked] = useState(false);
  const addServer = () => {
    setAddAsked(true);
    setTab('servers');
  };
  const [isPolling, setPolling] = useState(false);
  const poll = () => {
    setPolling(true);
    void call('bbbMeetings.poll', {})
      .then((report) => {
        const failed = report.servers.filter((s) => !s.ok);
        notifications.show(
          report.servers.length === 0
            ? { color: 'blue', message: t('bbb.pollNoServer') }
            : {
                color: failed.length > 0 ? 'orange' : 'green',
                message:
                  failed.length > 0
                    ? failed.map((s) => format.labelled(s.name, s.error ?? '')).join('\n')
                    : t('bbb.polled', { count: report.servers.length }),
              },
        );
      })
      .finally(() => setPolling(false));
  };
  /** Before the first server, every tab but Servers says to add one. */
  const unlessNoServer = (content: ReactNode) =>
    hasNoServer ? <NoServer onAdd={addServer} /> : content;
  const count = (n: number, color: string) =>
    n > 0 ? (
      <Badge size="xs" circle color={color}>
        {n}
      </Badge>
    ) : null;
  return (
    <Stack>
      <PanelHeader
        title={t('bbb.title')}
        intro={t('bbb.intro')}
        actions={
          <Tooltip label={t('bbb.pollNoServer')} disabled={!hasNoServer}>
            <Button
              variant="default"
              loading={isPolling}
              disabled={hasNoServer}
              onClick={poll}
              // A disabled button gets no hover: the tooltip needs the events.
              style={hasNoServer ? { pointerEvents: 'auto' } : undefined}
            >
              {t('bbb.pollNow')}
            </Button>
          </Tooltip>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => {
          setTab(value);
          setAddAsked(false);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="running" rightSection={count(running, 'red')}>
            {t('bbb.tab.running')}
          </Tabs.Tab>
          <Tabs.Tab value="past">{t('bbb.tab.past')}</Tabs.Tab>
          <Tabs.Tab value="recordings">{t('bbb.tab.recordings')}</Tabs.Tab>
          <Tabs.Tab value="matches" rightSection={count(open, 'orange')}>
            {t('bbb.tab.matches')}
          </Tabs.Tab>
          <Tabs.Tab value="servers">{t('bbb.tab.servers')}</Tabs.Tab>
        </Tabs.List>
        <Group pt="md" display="block">
          <Tabs.Panel value="running">{unlessNoServer(<MeetingsTab running />)}</Tabs.Panel>
          <Tabs.Panel value="past">{unlessNoServer(<MeetingsTab running={false} />)}</Tabs.Panel>
          <Tabs.Panel value="recordings">{unlessNoServer(<RecordingsTab />)}</Tabs.Panel>
          <Tabs.Panel value="matches">{unlessNoServer(<MatchesTab />)}</Tabs.Panel>
          <Tabs.Panel value="servers">
            <ServersTab isAddAsked={isAddAsked} />
          </Tabs.Panel>
        </Group>
      </Tabs>
    </Stack>
  );
}
