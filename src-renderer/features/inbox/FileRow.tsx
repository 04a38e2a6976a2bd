import { Checkbox, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconEye, IconTrash, IconUserCheck } from '@tabler/icons-react';
import { memo } from 'react';
import type { Recorder, RecorderFile } from '../../../src-preload/contract';
import { formatDuration, formatSize } from '../../components/format';
import { RowAction } from '../../components/RowAction';
import { StatusBadge } from '../../components/StatusBadge';
import { useBilingual, useT } from '../../i18n/i18n';
import { explainReason } from './reasonText';

export const gridColumns =
  '28px minmax(180px, 3fr) minmax(110px, 1.2fr) 80px 64px 96px 130px minmax(175px, 1.4fr) 92px';

export const waiting = new Set(['unclaimed', 'notified']);
export const deletable = new Set(['incomplete', 'invalid', 'unknown', 'unclaimed', 'notified']);

/** The manager could not be told (notify call refused, SMTP down): Régie retries later. */
export const hasNotifyFailed = (file: RecorderFile): boolean =>
  file.status === 'unclaimed' && (file.notifyState === 'nok' || file.notifyState === 'error');

/** Clicks on the row's own controls (checkbox, buttons) do not open the detail. */
const isControl = (target: EventTarget) =>
  target instanceof Element && target.closest('button, input, a, label') !== null;

export const FileRow = memo(function FileRow(props: {
  file: RecorderFile;
  recorder: Recorder | undefined;
  isSelected: boolean;
  /** 1-based, counting the header row (aria-rowindex). */
  rowIndex: number;
  top: number;
  height: number;
  time: Intl.DateTimeFormat;
  canPreview: boolean;
  onToggle: (id: number) => void;
  onOpen: (file: RecorderFile) => void;
  onClaim: (file: RecorderFile) => void;
  onPreview: (file: RecorderFile) => void;
  onDelete: (file: RecorderFile) => void;
}) {
  const t = useT();
  const pick = useBilingual();
  const { file } = props;
  const media = file.media;
  const problem =
    file.reason && file.status !== 'published' ? explainReason(pick(file.reason)) : null;
  const notifyFailed = hasNotifyFailed(file);
  return (
    <div
      data-testid="inbox-row"
      role="row"
      aria-rowindex={props.rowIndex}
      aria-selected={props.isSelected}
      tabIndex={0}
      onClick={(event) => {
        if (!isControl(event.target)) props.onOpen(file);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) props.onOpen(file);
      }}
      style={{
        cursor: 'pointer',
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
      <div role="cell">
        <Checkbox
          aria-label={file.relPath}
          checked={props.isSelected}
          onChange={() => props.onToggle(file.id)}
        />
      </div>
      <div role="cell" style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} truncate="end" title={file.fileName}>
          {file.fileName}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" truncate="end" title={file.relPath}>
          {file.relPath}
        </Text>
      </div>
      <Text role="cell" size="sm" truncate="end">
        {props.recorder?.name ??
          (file.origin === 'bbb' ? (
            t('inbox.bbbFolder')
          ) : (
            <Text span c="dimmed" size="sm">
              {t('inbox.noRecorder')}
            </Text>
          ))}
      </Text>
      <Text role="cell" size="sm">
        {formatSize(file.size)}
      </Text>
      <Text role="cell" size="sm">
        {media ? formatDuration(media.durationS) : '—'}
      </Text>
      <Text role="cell" size="sm">
        {media?.width ? `${String(media.width)}×${String(media.height)}` : '—'}
      </Text>
      <Text role="cell" size="xs" c="dimmed">
        {props.time.format(new Date(file.detectedAt ?? file.firstSeenAt))}
      </Text>
      <div role="cell" style={{ minWidth: 0 }}>
        <StatusBadge status={file.status} />
        {notifyFailed ? (
          <Group gap={4} wrap="nowrap" c="red" data-testid="notify-failed">
            <IconAlertTriangle size={12} style={{ flexShrink: 0 }} />
            <Text size="xs" c="red" truncate="end" title={file.notifyDetail ?? undefined}>
              {t('inbox.notifyFailed')}
            </Text>
          </Group>
        ) : (
          problem && (
            <Text size="xs" c="dimmed" truncate="end" title={problem.words}>
              {problem.words}
            </Text>
          )
        )}
      </div>
      <Group role="cell" gap={2} justify="flex-end" wrap="nowrap">
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
