import { Stack, Tabs } from '@mantine/core';
import { useEffect } from 'react';
import { PanelHeader } from '../../components/PanelHeader';
import { useT } from '../../i18n/i18n';
import { bbbServersStore } from '../bbb/bbbStores';
import { ExternalsTab } from './ExternalsTab';
import { migrationRunsStore, useMigrationTab } from './migrationStores';
import { MoodleTab } from './MoodleTab';
import { RunsTab } from './RunsTab';
import { Wizard } from './Wizard';

/**
 * Migration (issue #12 §7): the wizard, the past runs and their reports, external videos, and the
 * Moodle databases the moderators are looked up in.
 */
export function MigrationPanel() {
  const t = useT();
  useEffect(() => {
    for (const store of [bbbServersStore, migrationRunsStore]) store.start();
  }, []);
  const tab = useMigrationTab((s) => s.tab);
  const setTab = (value: string | null) => useMigrationTab.setState({ tab: value ?? 'wizard' });
  return (
    <Stack>
      <PanelHeader title={t('migration.title')} intro={t('migration.intro')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="wizard">{t('migration.tab.wizard')}</Tabs.Tab>
          <Tabs.Tab value="runs">{t('migration.tab.runs')}</Tabs.Tab>
          <Tabs.Tab value="externals">{t('migration.tab.externals')}</Tabs.Tab>
          <Tabs.Tab value="moodle">{t('migration.tab.moodle')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="wizard" pt="md">
          <Wizard />
        </Tabs.Panel>
        <Tabs.Panel value="runs" pt="md">
          <RunsTab />
        </Tabs.Panel>
        <Tabs.Panel value="externals" pt="md">
          <ExternalsTab />
        </Tabs.Panel>
        <Tabs.Panel value="moodle" pt="md">
          <MoodleTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
