import { Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconEye, IconPencil, IconTrash } from '@tabler/icons-react';
import type { LiveGatewayView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { RowAction } from '../../components/RowAction';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { GatewayBadges } from './GatewayBadges';
import { useAction } from './useAction';

function Address({ label, value }: { label: string; value: string }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={78} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      {/* Whole, on one line: an address cut in two reads as two (the table scrolls instead). */}
      <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {value || '—'}
      </Text>
    </Group>
  );
}

/** One gateway: its three addresses, API generation, state, last test, and what can be done. */
export function GatewayRow(props: {
  gateway: LiveGatewayView;
  canEdit: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onPreview: () => void;
}) {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  const g = props.gateway;
  const { busy, run } = useAction<'test'>();
  const apiText =
    g.api === 'auto'
      ? g.detectedApi
        ? t('gateways.api.autoDetected', { api: t(`gateways.api.${g.detectedApi}`) })
        : t('gateways.api.autoUnknown')
      : t(`gateways.api.${g.api}`);
  return (
    <Table.Tr data-testid="gateway-row" data-name={g.name}>
      <Table.Td>
        <Stack gap={2}>
          <Text fw={500} size="sm">
            {g.name}
          </Text>
          <Badge
            size="xs"
            variant="outline"
            color={g.origin === 'pod' ? 'grape' : 'gray'}
            tt="none"
          >
            {g.origin === 'pod' ? t('gateways.origin.pod') : t('gateways.origin.regie')}
          </Badge>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Address label={t('gateways.field.rtmp')} value={g.rtmpUrl} />
        <Address label={t('gateways.field.hls')} value={g.hlsUrl} />
        <Address label={t('gateways.field.sipmediagw')} value={g.sipmediagwUrl} />
      </Table.Td>
      <Table.Td fz="sm">{apiText}</Table.Td>
      <Table.Td>
        <GatewayBadges gateway={g} />
      </Table.Td>
      <Table.Td>
        {g.lastTest ? (
          <Tooltip label={pick(g.lastTest.text)} multiline maw={380} withArrow>
            <Stack gap={0} data-testid="gateway-last-test">
              <Badge size="sm" variant="light" color={g.lastTest.ok ? 'green' : 'red'} tt="none">
                {t(g.lastTest.ok ? 'gateways.test.ok' : 'gateways.test.ko')}
              </Badge>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {format.dateTime(g.lastTest.at)}
              </Text>
            </Stack>
          </Tooltip>
        ) : (
          <Text size="xs" c="dimmed">
            {t('gateways.test.never')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap" justify="flex-end">
          <Button
            size="xs"
            variant="default"
            loading={busy === 'test'}
            disabled={!g.isComplete}
            aria-label={`${t('gateways.test')} ${g.name}`}
            onClick={() => void run('test', () => call('gateways.test', { id: g.id }))}
          >
            {t('gateways.test')}
          </Button>
          <RowAction
            label={t('gateways.preview')}
            subject={g.name}
            icon={IconEye}
            onClick={props.onPreview}
          />
          <RowAction
            label={t('common.edit')}
            subject={g.name}
            icon={IconPencil}
            isDisabled={!props.canEdit}
            onClick={props.onEdit}
          />
          <RowAction
            label={t('common.delete')}
            subject={g.name}
            icon={IconTrash}
            color="red"
            isDisabled={!props.canEdit || g.busyWith !== null}
            disabledReason={g.busyWith ? t('gateways.removeBusy') : undefined}
            onClick={props.onRemove}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
