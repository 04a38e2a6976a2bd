import { Checkbox, Group, Text } from '@mantine/core';
import { IconEye, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { memo } from 'react';
import type { Recorder, RecorderFile } from '../../../src-preload/contract';
import { formatDuration, formatSize } from '../../components/format';
import { RowAction } from '../../components/RowAction';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/i18n';

export const gridColumns =
  '28px minmax(200px, 3fr) minmax(120px, 1.4fr) 80px 80px 96px 130px 150px 100px';

const waiting = new Set(['unclaimed', 'notified']);
const deletable = new Set(['incomplete', 'invalid', 'unknown', 'unclaimed', 'notified']);

export const FileRow = memo(function FileRow(props: {
  file: RecorderFile;
  recorder: Recorder | undefined;
  isSelected: boolean;
  top: number;
  height: number;
  time: Intl.DateTimeFormat;
  canPreview: boolean;
  onToggle: (id: number) => void;
  onClaim: (file: RecorderFile) => void;
  onPreview: (file: RecorderFile) => void;
  onDelete: (file: RecorderFile) => void;
}) {
  const t = useT();
  const { file } = props;
  const media = file.media;
  return (
    <div
      data-testid="inbox-row"
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: props.height,
        transform: `translateY(${String(props.top)}px)`,
        display: 'grid',
        gridTemplateColumns: gridColumns,
        gap: 12,
        alignItems: 'center',
        padding: '0 var(--mantine-spacing-sm)',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: props.isSelected ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Checkbox
        aria-label={file.relPath}
        checked={props.isSelected}
        onChange={() => props.onToggle(file.id)}
      />
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} truncate="end" title={file.fileName}>
          {file.fileName}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={file.relPath}>
          {file.relPath}
        </Text>
      </div>
      <Text size="sm" truncate="end">
        {props.recorder?.name ?? (
          <Text span c="dimmed" size="sm">
            {t('inbox.noRecorder')}
          </Text>
        )}
      </Text>
      <Text size="sm">{formatSize(file.size)}</Text>
      <Text size="sm">{media ? formatDuration(media.durationS) : '—'}</Text>
      <Text size="sm">{media?.width ? `${String(media.width)}×${String(media.height)}` : '—'}</Text>
      <Text size="xs" c="dimmed">
        {props.time.format(new Date(file.detectedAt ?? file.firstSeenAt))}
      </Text>
      <div>
        <StatusBadge
          status={file.status}
          reason={
            file.reason ??
            (file.notifyDetail ? { en: file.notifyDetail, fr: file.notifyDetail } : null)
          }
        />
      </div>
      <Group gap={2} justify="flex-end" wrap="nowrap">
        {props.canPreview && (
          <RowAction
            isLight
            label={t('inbox.preview')}
            subject={file.fileName}
            icon={IconEye}
            isDisabled={!waiting.has(file.status)}
            onClick={() => props.onPreview(file)}
          />
        )}
        <RowAction
          isLight
          label={t('inbox.claim')}
          subject={file.fileName}
          icon={IconUserCheck}
          isDisabled={!waiting.has(file.status)}
          onClick={() => props.onClaim(file)}
        />
        <RowAction
          isLight
          label={t('common.delete')}
          subject={file.fileName}
          icon={IconTrash}
          color="red"
          isDisabled={!deletable.has(file.status)}
          onClick={() => props.onDelete(file)}
        />
      </Group>
    </div>
  );
});
