import { AppShell, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { InboxPanel } from '../features/inbox/InboxPanel';
import { inboxStore, unknownFoldersStore } from '../features/inbox/inboxStore';
import { sftpStore } from '../features/sftp/sftpStore';
import { BbbPanel } from '../features/bbb/BbbPanel';
import { EncodingsPanel } from '../features/encodings/EncodingsPanel';
import { jobsStore } from '../features/encodings/jobsStore';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { MigrationPanel } from '../features/migration/MigrationPanel';
import { videosStore } from '../features/library/videosStore';
import { podStatusStore } from '../features/pod/podStore';
import { RecordingsPanel } from '../features/recordings/RecordingsPanel';
import { recordingsStore } from '../features/recordings/recordingsStore';
import { JournalPanel } from '../features/journal/JournalPanel';
import { journalStore } from '../features/journal/journalStore';
import { ComingSoon } from '../features/placeholder/ComingSoon';
import { RecordersPanel } from '../features/recorders/RecordersPanel';
import { recordersStore } from '../features/recorders/recordersStore';
import { SettingsPanel } from '../features/settings/SettingsPanel';
import { settingsStore } from '../features/settings/settingsStore';
import { UsersPanel } from '../features/users/UsersPanel';
import { WebinarsPanel } from '../features/webinars/WebinarsPanel';
import { appInfoStore, usersStore } from '../features/users/usersStore';
import { areas } from './areas';
import { HeaderBar } from './HeaderBar';
import { Navigation } from './Navigation';
import { useArea } from './useArea';

const built = {
  bbb: BbbPanel,
  encodings: EncodingsPanel,
  library: LibraryPanel,
  migration: MigrationPanel,
  inbox: InboxPanel,
  recordings: RecordingsPanel,
  recorders: RecordersPanel,
  users: UsersPanel,
  settings: SettingsPanel,
  journal: JournalPanel,
  webinars: WebinarsPanel,
} as const;

export function App() {
  const [isNavOpen, { toggle }] = useDisclosure();
  const area = useArea((s) => s.area);
  useEffect(() => {
    for (const store of [
      appInfoStore,
      usersStore,
      recordersStore,
      settingsStore,
      journalStore,
      inboxStore,
      unknownFoldersStore,
      recordingsStore,
      sftpStore,
      jobsStore,
      videosStore,
      podStatusStore,
    ])
      store.start();
  }, []);
  const current = areas.find((a) => a.id === area) ?? areas[0];
  const Panel = area in built ? built[area as keyof typeof built] : undefined;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <HeaderBar isNavOpen={isNavOpen} onToggleNav={toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <Navigation />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>{Panel ? <Panel /> : current && <ComingSoon area={current} />}</AppShell.Main>
    </AppShell>
  );
}
