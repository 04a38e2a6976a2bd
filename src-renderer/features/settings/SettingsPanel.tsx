import { Alert, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { SettingView } from '../../../src-preload/contract';
import { useArea } from '../../app/useArea';
import { PanelHeader } from '../../components/PanelHeader';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/i18n';
import { PodConnection } from '../pod/PodConnection';
import { appInfoStore } from '../users/usersStore';
import { RenditionsField } from './RenditionsField';
import { SettingField } from './SettingField';
import { settingsStore } from './settingsStore';

const groups = ['recorders', 'email', 'site', 'bbb', 'pod', 'webinar', 'console'] as const;

export function SettingsPanel() {
  const t = useT();
  const settings = settingsStore.use((s) => s.data);
  const canEdit = appInfoStore.use((s) => s.data?.operator.permissions.manageSettings) ?? false;
  // `#/settings/webinar` (a link from another panel) opens on that group.
  const item = useArea((s) => s.item);
  const isLoaded = settings !== undefined;
  useEffect(() => {
    if (isLoaded && item) document.getElementById(`settings-${item}`)?.scrollIntoView();
  }, [isLoaded, item]);
  if (!settings) return <Text c="dimmed">{t('common.loading')}</Text>;
  const inGroup = (group: string): SettingView[] => settings.filter((s) => s.group === group);
  return (
    <Stack>
      <PanelHeader title={t('settings.title')} intro={t('settings.intro')} />
      {!canEdit && <Alert color="yellow">{t('common.forbidden')}</Alert>}
      {groups.map((group) => (
        <Card
          key={group}
          id={`settings-${group}`}
          // Below the fixed header when scrolled to.
          style={{ scrollMarginTop: 72 }}
          withBorder
          padding="lg"
        >
          <Title order={4} mb="md">
            {t(`settings.group.${group}` as MessageKey)}
          </Title>
          {group === 'pod' && <PodConnection />}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {inGroup(group)
              .filter((setting) => setting.type !== 'renditions')
              .map((setting) => (
                <SettingField
                  key={setting.key}
                  setting={setting}
                  canEdit={canEdit || setting.key === 'REGIE_OPERATOR'}
                />
              ))}
          </SimpleGrid>
          {inGroup(group)
            .filter((setting) => setting.type === 'renditions')
            .map((setting) => (
              <Stack key={setting.key} mt="lg">
                <RenditionsField setting={setting} canEdit={canEdit} />
              </Stack>
            ))}
        </Card>
      ))}
    </Stack>
  );
}
