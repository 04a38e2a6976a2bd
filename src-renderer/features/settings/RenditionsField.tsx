import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { SettingView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { SaveReset } from './SaveReset';
import { SettingLabel } from './SettingLabel';

/** Pod's `VideoRendition` row as the editor holds it. */
interface Row {
  resolution: string;
  minrate: string;
  video_bitrate: string;
  maxrate: string;
  audio_bitrate: string;
  encode_mp4: boolean;
  encoding_resolution_threshold: number;
}

const textColumns = ['resolution', 'maxrate', 'audio_bitrate', 'minrate', 'video_bitrate'] as const;

/**
 * `VIDEO_RENDITIONS` as a table: one row per rendition, Pod's field names as column heads, add
 * and remove rows, save the whole list at once (the core checks it and names the row at fault).
 */
export function RenditionsField({ setting, canEdit }: { setting: SettingView; canEdit: boolean }) {
  const t = useT();
  const format = useFormat();
  const pick = useBilingual();
  const saved = (setting.value ?? []) as Row[];
  const [rows, setRows] = useState<Row[]>(saved);
  const [error, setError] = useState<string | undefined>();
  const { run, isBusy } = useSubmit((errors) => setError(errors.value ?? Object.values(errors)[0]));
  const isDirty = JSON.stringify(rows) !== JSON.stringify(saved);
  const edit = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const done = (view: SettingView) => {
    setRows((view.value ?? []) as Row[]);
    setError(undefined);
    notifications.show({
      color: 'green',
      message: format.labelled(setting.key, t('common.saved')),
    });
  };
  const save = () => void run(() => call('settings.set', { key: setting.key, value: rows }), done);
  const reset = () => void run(() => call('settings.reset', { key: setting.key }), done);
  const addRow = () =>
    setRows([
      ...rows,
      {
        resolution: '',
        minrate: '',
        video_bitrate: '',
        maxrate: '',
        audio_bitrate: '128k',
        encode_mp4: false,
        encoding_resolution_threshold: 0,
      },
    ]);

  return (
    <Stack gap="xs" data-testid="renditions-editor">
      <SettingLabel setting={setting} />
      <Text size="xs" c="dimmed">
        {pick(setting.help)}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={4} aria-label={setting.key}>
          <Table.Thead>
            <Table.Tr>
              {textColumns.map((column) => (
                <Table.Th key={column} ff="monospace" fz="xs">
                  {column}
                </Table.Th>
              ))}
              <Table.Th ff="monospace" fz="xs">
                encode_mp4
              </Table.Th>
              <Table.Th ff="monospace" fz="xs">
                threshold %
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={index}>
                {textColumns.map((column) => (
                  <Table.Td key={column}>
                    <TextInput
                      size="xs"
                      value={row[column]}
                      disabled={!canEdit}
                      aria-label={`${column} ${String(index + 1)}`}
                      onChange={(e) => edit(index, { [column]: e.currentTarget.value })}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <Switch
                    size="sm"
                    checked={row.encode_mp4}
                    disabled={!canEdit}
                    aria-label={`encode_mp4 ${String(index + 1)}`}
                    onChange={(e) => edit(index, { encode_mp4: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td w={90}>
                  <NumberInput
                    size="xs"
                    min={0}
                    max={100}
                    allowDecimal={false}
                    value={row.encoding_resolution_threshold}
                    disabled={!canEdit}
                    aria-label={`encoding_resolution_threshold ${String(index + 1)}`}
                    onChange={(v) => edit(index, { encoding_resolution_threshold: Number(v) })}
                  />
                </Table.Td>
                <Table.Td>
                  {canEdit && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('settings.renditions.remove')} ${String(index + 1)}`}
                      onClick={() => setRows(rows.filter((_, i) => i !== index))}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error && (
        <Alert color="red" p="xs">
          {error}
        </Alert>
      )}
      {canEdit && (
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={addRow}>
            {t('settings.renditions.add')}
          </Button>
          <SaveReset
            isDirty={isDirty}
            isDefault={setting.isDefault}
            isBusy={isBusy}
            onSave={save}
            onReset={reset}
          />
        </Group>
      )}
    </Stack>
  );
}
