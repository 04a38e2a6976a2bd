import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { LiveGatewayView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useT } from '../../i18n/i18n';
import { appInfoStore } from '../users/usersStore';
import { GatewayForm } from './GatewayForm';
import { GatewayPreview } from './GatewayPreview';
import { GatewayRow } from './GatewayRow';
import { useAction } from './useAction';
import { gatewaysStore } from './webinarStores';

type Editing = { mode: 'add' } | { mode: 'edit'; gateway: LiveGatewayView } | null;

/**
 * The live gateways (Pod's "Passerelles de live"): an RTMP destination, the HLS the audience
 * watches, the SIPMediaGW that feeds it. Added here or mirrored from Pod (which does not know the
 * SIPMediaGW: those wait for its URL and token before they can be allocated).
 */
export function GatewaysTab() {
  const t = useT();
  const gateways = gatewaysStore.use((s) => s.data);
  const canEdit = appInfoStore.use((s) => s.data?.operator.permissions.manageSettings) ?? false;
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<LiveGatewayView | null>(null);
  const [previewing, setPreviewing] = useState<LiveGatewayView | null>(null);
  const { run } = useAction<'remove'>();
  return (
    <Stack>
      {!canEdit && <Alert color="yellow">{t('common.forbidden')}</Alert>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('gateways.intro')}
        </Text>
        <Button
          leftSection={<IconPlus size={16} />}
          disabled={!canEdit}
          onClick={() => setEditing({ mode: 'add' })}
        >
          {t('gateways.add')}
        </Button>
      </Group>
      {gateways?.length === 0 ? (
        <Alert color="blue" data-testid="gateways-none">
          {t('gateways.none')}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={1040}>
          <Table verticalSpacing="xs" data-testid="gateways-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('gateways.field.name')}</Table.Th>
                <Table.Th>{t('gateways.field.addresses')}</Table.Th>
                <Table.Th>{t('gateways.field.api')}</Table.Th>
                <Table.Th>{t('gateways.field.state')}</Table.Th>
                <Table.Th>{t('gateways.field.lastTest')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(gateways ?? []).map((g) => (
                <GatewayRow
                  key={g.id}
                  gateway={g}
                  canEdit={canEdit}
                  onEdit={() => setEditing({ mode: 'edit', gateway: g })}
                  onRemove={() => setRemoving(g)}
                  onPreview={() => setPreviewing(g)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        question={removing ? t('gateways.removeQuestion', { name: removing.name }) : null}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void run('remove', () => call('gateways.remove', { id: removing.id }));
          setRemoving(null);
        }}
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t(editing?.mode === 'edit' ? 'gateways.edit' : 'gateways.add')}
        size="lg"
      >
        {editing && (
          <GatewayForm
            key={editing.mode === 'edit' ? editing.gateway.id : 'new'}
            gateway={editing.mode === 'edit' ? editing.gateway : undefined}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={previewing !== null}
        onClose={() => setPreviewing(null)}
        title={previewing ? t('gateways.previewOf', { name: previewing.name }) : ''}
        size="xl"
      >
        {previewing && <GatewayPreview gatewayId={previewing.id} hlsUrl={previewing.hlsUrl} />}
      </Modal>
    </Stack>
  );
}
