import { Button, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { AddRecordingForm } from './AddRecordingForm';
import { PanelHeader } from '../../components/PanelHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage, useT } from '../../i18n/i18n';
import { recordersStore } from '../recorders/recordersStore';
import { usersStore } from '../users/usersStore';
import { recordingsStore } from './recordingsStore';

/** Pod's "Enregistrements": every recording made from a recorder file, for the admins' follow-up. */
export function RecordingsPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const recordings = recordingsStore.use((s) => s.data);
  const recorders = recordersStore.use((s) => s.data) ?? [];
  const users = usersStore.use((s) => s.data) ?? [];
  const [isAdding, setAdding] = useState(false);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <Stack>
      <PanelHeader
        title={t('recordings.title')}
        intro={t('recordings.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('recordings.add')}
          </Button>
        }
      />
      <Modal
        opened={isAdding}
        onClose={() => setAdding(false)}
        title={t('recordings.add')}
        size="lg"
      >
        {isAdding && (
          <AddRecordingForm recorders={recorders} users={users} onDone={() => setAdding(false)} />
        )}
      </Modal>
      {recordings === undefined ? (
        <Text c="dimmed">{t('common.loading')}</Text>
      ) : recordings.length === 0 ? (
        <Text c="dimmed">{t('recordings.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="sm" data-testid="recordings-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('recordings.column.title')}</Table.Th>
              <Table.Th>{t('inbox.recorder')}</Table.Th>
              <Table.Th>{t('recordings.column.owner')}</Table.Th>
              <Table.Th>{t('recordings.column.source')}</Table.Th>
              <Table.Th>{t('inbox.column.status')}</Table.Th>
              <Table.Th>{t('recordings.column.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recordings.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {r.title}
                  </Text>
                  {r.slides.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('recordings.slides', { count: String(r.slides.length) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{recorders.find((x) => x.id === r.recorderId)?.name ?? '—'}</Table.Td>
                <Table.Td>{users.find((u) => u.id === r.ownerId)?.username ?? '—'}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {r.sourcePath.split('/').slice(-2).join('/')}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td fz="xs" c="dimmed">
                  {time.format(new Date(r.createdAt))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
