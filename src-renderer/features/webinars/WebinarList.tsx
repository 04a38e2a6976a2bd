import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { WebinarView } from '../../../src-preload/contract';
import { useArea } from '../../app/useArea';
import { call } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { RowAction } from '../../components/RowAction';
import { useLanguage, useT } from '../../i18n/i18n';
import { slotText } from './slot';
import { useAction } from './useAction';
import { WebinarStatusBadge } from './WebinarStatusBadge';

/** A webinar whose live runs cannot be removed: end it first (the gateway would stream on). */
const isActive = (w: WebinarView) => ['starting', 'live', 'stopping'].includes(w.status);

/** Every webinar: its slot, BBB server, gateway and status; the name opens its control view. */
export function WebinarList({ webinars }: { webinars: WebinarView[] }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const go = useArea((s) => s.go);
  const [removing, setRemoving] = useState<WebinarView | null>(null);
  const { run } = useAction<'remove'>();
  return (
    <>
      <Table verticalSpacing="xs" data-testid="webinars-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('webinars.field.name')}</Table.Th>
            <Table.Th>{t('webinars.field.slot')}</Table.Th>
            <Table.Th>{t('webinars.field.server')}</Table.Th>
            <Table.Th>{t('webinars.field.gateway')}</Table.Th>
            <Table.Th>{t('webinars.field.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {webinars.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  fw={500}
                  onClick={() => go('webinars', String(w.id))}
                >
                  {w.name}
                </Anchor>
                {w.owner && (
                  <Text size="xs" c="dimmed">
                    {w.owner}
                  </Text>
                )}
              </Table.Td>
              <Table.Td fz="sm">{slotText(language, w.startAt, w.endAt)}</Table.Td>
              <Table.Td fz="sm">{w.serverName}</Table.Td>
              <Table.Td fz="sm">
                {w.gatewayName ?? (
                  <Badge color="orange" variant="light" tt="none">
                    {t('webinars.noGateway')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <WebinarStatusBadge status={w.status} error={w.lastError} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <RowAction
                    label={t('common.delete')}
                    subject={w.name}
                    icon={IconTrash}
                    color="red"
                    isDisabled={isActive(w)}
                    disabledReason={t('webinars.removeActive')}
                    onClick={() => setRemoving(w)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ConfirmModal
        question={removing ? t('webinars.removeQuestion', { name: removing.name }) : null}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void run('remove', () => call('webinars.remove', { id: removing.id }));
          setRemoving(null);
        }}
      />
    </>
  );
}
