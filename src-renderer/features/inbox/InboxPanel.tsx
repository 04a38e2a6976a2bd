import {
  Button,
  Drawer,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh, IconSearch, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Recorder, RecorderFile, User } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { useArea } from '../../app/useArea';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PanelHeader } from '../../components/PanelHeader';
import { useBilingual, useT } from '../../i18n/i18n';
import { RecorderForm } from '../recorders/RecorderForm';
import { recordersStore } from '../recorders/recordersStore';
import { settingsStore } from '../settings/settingsStore';
import { appInfoStore, usersStore } from '../users/usersStore';
import { AssignForm } from './AssignForm';
import { FileDetail } from './FileDetail';
import { FileList } from './FileList';
import { inboxStore, unknownFoldersStore } from './inboxStore';
import { InboxEmpty } from './InboxEmpty';
import { filterFiles, recorderIdOf, type Show, type SortKey } from './inboxFilter';
import { PreviewModal } from './PreviewModal';
import { UnknownFoldersAlert } from './UnknownFoldersAlert';

const noRecorders: Recorder[] = [];
const noUsers: User[] = [];

export function InboxPanel() {
  const t = useT();
  const pick = useBilingual();
  const files = inboxStore.use((s) => s.data);
  const folders = unknownFoldersStore.use((s) => s.data) ?? [];
  const recorders = recordersStore.use((s) => s.data) ?? noRecorders;
  const users = usersStore.use((s) => s.data) ?? noUsers;
  const settings = settingsStore.use((s) => s.data);
  const operator = appInfoStore.use((s) => s.data?.operator);
  const { item, go } = useArea();
  const [show, setShow] = useState<Show>('waiting');
  const [text, setText] = useState('');
  const [recorderId, setRecorderId] = useState<number | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; isDescending: boolean }>({
    key: 'detected',
    isDescending: true,
  });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [assigning, setAssigning] = useState<RecorderFile[] | null>(null);
  const [previewing, setPreviewing] = useState<RecorderFile | null>(null);
  const [deleting, setDeleting] = useState<RecorderFile[] | null>(null);
  const [creatingFor, setCreatingFor] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);

  const byId = useMemo(() => new Map(recorders.map((r) => [r.id, r])), [recorders]);
  const visible = useMemo(
    () =>
      filterFiles(files ?? [], recorders, {
        show,
        text,
        recorderId,
        sort: sort.key,
        isDescending: sort.isDescending,
      }),
    [files, recorders, show, text, recorderId, sort],
  );
  const canPreview = settings?.find((s) => s.key === 'USE_RECORD_PREVIEW')?.value === true;
  const retention = String(settings?.find((s) => s.key === 'TRASH_RETENTION_DAYS')?.value ?? 30);
  const chosen = visible.filter((f) => selected.has(f.id));
  // The file shown in the detail drawer, kept current by the store's pushes.
  const opened = openId === null ? undefined : files?.find((f) => f.id === openId);
  const openedRecorder = useMemo(() => {
    if (!opened) return undefined;
    const byDirectory = new Map(recorders.map((r) => [r.directory, r.id]));
    return byId.get(recorderIdOf(opened, byDirectory) ?? -1);
  }, [opened, recorders, byId]);

  // The link mailed to a manager, #/inbox/<file id>, opens that file's assignment form.
  const linked = item === null ? undefined : files?.find((f) => f.id === Number(item));
  const linkedWaiting =
    linked && (linked.status === 'unclaimed' || linked.status === 'notified') ? [linked] : null;
  const assigningNow = assigning ?? linkedWaiting;

  const report = (error: unknown) =>
    notifications.show({
      color: 'red',
      message: error instanceof CallError ? pick(error.wire.message) : String(error),
    });
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const rescan = () =>
    call('recorders.scan', {}).then(
      (r) =>
        notifications.show({
          message: t('inbox.rescanned', { count: String(r.scanned), ms: String(r.durationMs) }),
        }),
      report,
    );
  const remove = (targets: RecorderFile[]) => {
    setDeleting(null);
    call('inbox.delete', { ids: targets.map((f) => f.id) }).then(() => {
      setSelected(new Set());
      notifications.show({
        color: 'green',
        message: t('inbox.deleted', { count: String(targets.length) }),
      });
    }, report);
  };
  const closeAssign = () => {
    setAssigning(null);
    setSelected(new Set());
    if (item !== null) go('inbox');
  };

  return (
    <Stack>
      <PanelHeader
        title={t('inbox.title')}
        intro={t('inbox.intro')}
        actions={
          <Button
            variant="default"
            style={{ flexShrink: 0 }}
            leftSection={<IconRefresh size={16} />}
            onClick={() => void rescan()}
          >
            {t('inbox.rescan')}
          </Button>
        }
      />
      <UnknownFoldersAlert
        folders={folders}
        canCreate={operator?.permissions.manageRecorders ?? false}
        onCreate={setCreatingFor}
      />
      <Group justify="space-between">
        <Group>
          <TextInput
            placeholder={t('inbox.search')}
            leftSection={<IconSearch size={16} />}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={280}
          />
          <SegmentedControl
            value={show}
            onChange={(v) => setShow(v as Show)}
            data={(['waiting', 'problems', 'processed', 'all'] as const).map((v) => ({
              value: v,
              label: t(`inbox.show.${v}`),
            }))}
          />
          <Select
            aria-label={t('inbox.recorder')}
            placeholder={t('inbox.allRecorders')}
            data={recorders.map((r) => ({ value: String(r.id), label: r.name }))}
            value={recorderId === null ? null : String(recorderId)}
            onChange={(v) => setRecorderId(v === null ? null : Number(v))}
            clearable
            w={200}
          />
        </Group>
        {chosen.length > 0 && (
          <Group>
            <Text size="sm" c="dimmed">
              {t('inbox.selected', { count: String(chosen.length) })}
            </Text>
            <Button leftSection={<IconUserCheck size={16} />} onClick={() => setAssigning(chosen)}>
              {t('inbox.claimSelected', { count: String(chosen.length) })}
            </Button>
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDeleting(chosen)}
            >
              {t('inbox.deleteSelected', { count: String(chosen.length) })}
            </Button>
          </Group>
        )}
      </Group>
      {files === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : (
        <FileList
          files={visible}
          recorders={byId}
          selected={selected}
          onToggle={toggle}
          onOpen={(f) => setOpenId(f.id)}
          empty={
            <InboxEmpty
              hasRecorders={recorders.length > 0}
              hiddenCount={files.length}
              onCreateRecorder={() => setCreatingFor('')}
              onShowAll={() => {
                setShow('all');
                setText('');
                setRecorderId(null);
              }}
            />
          }
          onToggleAll={() =>
            setSelected(
              chosen.length === visible.length ? new Set() : new Set(visible.map((f) => f.id)),
            )
          }
          sort={sort.key}
          isDescending={sort.isDescending}
          onSort={(key) =>
            setSort((s) => ({
              key,
              isDescending: s.key === key ? !s.isDescending : key === 'detected',
            }))
          }
          onClaim={(f) => setAssigning([f])}
          onPreview={setPreviewing}
          onDelete={(f) => setDeleting([f])}
          canPreview={canPreview}
        />
      )}
      <Modal
        opened={assigning !== null}
        onClose={closeAssign}
        title={t('inbox.assignTitle')}
        size="lg"
      >
        {assigningNow && <AssignForm files={assigningNow} users={users} onDone={closeAssign} />}
      </Modal>
      <PreviewModal file={previewing} onClose={() => setPreviewing(null)} />
      <Drawer
        opened={opened !== undefined}
        onClose={() => setOpenId(null)}
        position="right"
        size="lg"
        title={opened?.fileName}
      >
        {opened && (
          <FileDetail
            file={opened}
            recorder={openedRecorder}
            canPreview={canPreview}
            onClaim={(f) => {
              setOpenId(null);
              setAssigning([f]);
            }}
            onPreview={(f) => {
              setOpenId(null);
              setPreviewing(f);
            }}
            onDelete={(f) => {
              setOpenId(null);
              setDeleting([f]);
            }}
          />
        )}
      </Drawer>
      <ConfirmModal
        question={
          deleting
            ? t('inbox.deleteConfirm', { count: String(deleting.length), days: retention })
            : null
        }
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove(deleting)}
      />
      <Modal
        opened={creatingFor !== null}
        onClose={() => setCreatingFor(null)}
        title={t('recorders.add')}
        size="xl"
      >
        {creatingFor !== null && (
          <RecorderForm folder={creatingFor} users={users} onDone={() => setCreatingFor(null)} />
        )}
      </Modal>
    </Stack>
  );
}
