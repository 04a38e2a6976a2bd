import { Stack, Tabs, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useArea } from '../../app/useArea';
import { PanelHeader } from '../../components/PanelHeader';
import { useT } from '../../i18n/i18n';
import { bbbMeetingsStore, bbbServersStore } from '../bbb/bbbStores';
import { settingsStore } from '../settings/settingsStore';
import { GatewaysTab } from './GatewaysTab';
import { PublicUrlWarning } from './PublicUrlWarning';
import { WebinarControl } from './WebinarControl';
import { gatewaysStore, webinarsStore } from './webinarStores';
import { WebinarsOff } from './WebinarsOff';
import { WebinarsTab } from './WebinarsTab';

/**
 * Webinars (issue #13 §8): the webinars with their slot and gateway (list and week), the live
 * gateways, and one webinar's control view at `#/webinars/<id>`.
 */
export function WebinarsPanel() {
  const t = useT();
  useEffect(() => {
    // The running meetings: the create form offers them as the webinar's meeting.
    for (const store of [gatewaysStore, webinarsStore, bbbServersStore, bbbMeetingsStore])
      store.start();
  }, []);
  const settings = settingsStore.use((s) => s.data);
  const item = useArea((s) => s.item);
  const [tab, setTab] = useState<string | null>('webinars');
  const setting = (key: string) => settings?.find((s) => s.key === key)?.value;
  const webinarId = item !== null && /^\d+$/.test(item) ? Number(item) : null;
  const header = <PanelHeader title={t('webinars.title')} intro={t('webinars.intro')} />;
  if (!settings) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (setting('USE_MEETING_WEBINAR') !== true)
    return (
      <Stack>
        {header}
        <WebinarsOff />
      </Stack>
    );
  const isPublicUrlMissing = String(setting('WEBINAR_PUBLIC_URL') ?? '').trim() === '';
  return (
    <Stack>
      {webinarId === null && header}
      {isPublicUrlMissing && <PublicUrlWarning />}
      {webinarId !== null ? (
        <WebinarControl id={webinarId} />
      ) : (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="webinars">{t('webinars.tab.webinars')}</Tabs.Tab>
            <Tabs.Tab value="gateways">{t('webinars.tab.gateways')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="webinars" pt="md">
            <WebinarsTab onAddGateway={() => setTab('gateways')} />
          </Tabs.Panel>
          <Tabs.Panel value="gateways" pt="md">
            <GatewaysTab />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
