import { Badge, Button, Group, Stack, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { call } from '../../client/client';
import { PanelHeader } from '../../components/PanelHeader';
import { useT } from '../../i18n/i18n';
import {
  bbbMatchesStore,
  bbbMeetingsStore,
  bbbRecordingsStore,
  bbbServersStore,
} from './bbbStores';
import { MatchesTab } from './MatchesTab';
import { MeetingsTab } from './MeetingsTab';
import { RecordingsTab } from './RecordingsTab';
import { ServersTab } from './ServersTab';

/** BigBlueButton: meetings now and past with their moderators, recordings, matching, servers. */
export function BbbPanel() {
  const t = useT();
  useEffect(() => {
    for (const store of [bbbServersStore, bbbMeetingsStore, bbbRecordingsStore, bbbMatchesStore])
      store.start();
  }, []);
  const running = (bbbMeetingsStore.use((s) => s.data) ?? []).filter((m) => m.isRunning).length;
  const open = (bbbMatchesStore.use((s) => s.data) ?? []).length;
  const [isPolling, setPolling] = useState(false);
  const poll = () => {
    setPolling(true);
    void call('bbbMeetings.poll', {})
      .then((report) => {
        const failed = report.servers.filter((s) => !s.ok);
        notifications.show({
          color: failed.length > 0 ? 'orange' : 'green',
          message:
            failed.length > 0
              ? failed.map((s) => `${s.name} : ${s.error ?? ''}`).join('\n')
              : t('bbb.polled', { count: String(report.servers.length) }),
        });
      })
      .finally(() => setPolling(false));
  };
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
          <Button variant="default" loading={isPolling} onClick={poll}>
            {t('bbb.pollNow')}
          </Button>
        }
      />
      <Tabs defaultValue="running" keepMounted={false}>
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
          <Tabs.Panel value="running">
            <MeetingsTab running />
          </Tabs.Panel>
          <Tabs.Panel value="past">
            <MeetingsTab running={false} />
          </Tabs.Panel>
          <Tabs.Panel value="recordings">
            <RecordingsTab />
          </Tabs.Panel>
          <Tabs.Panel value="matches">
            <MatchesTab />
          </Tabs.Panel>
          <Tabs.Panel value="servers">
            <ServersTab />
          </Tabs.Panel>
        </Group>
      </Tabs>
    </Stack>
  );
}
