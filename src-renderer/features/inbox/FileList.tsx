import { Box, Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, type ReactNode } from 'react';
import type { Recorder, RecorderFile } from '../../../src-preload/contract';
import { useLanguage, useT } from '../../i18n/i18n';
import { FileRow, gridColumns } from './FileRow';
import { recorderIdOf, type SortKey } from './inboxFilter';

export interface FileListProps {
  files: RecorderFile[];
  recorders: Map<number, Recorder>;
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onOpen: (file: RecorderFile) => void;
  /** What to say when no row is shown (no recorder yet, filters hiding everything…). */
  empty: ReactNode;
  sort: SortKey;
  isDescending: boolean;
  onSort: (key: SortKey) => void;
  onClaim: (file: RecorderFile) => void;
  onPreview: (file: RecorderFile) => void;
  onDelete: (file: RecorderFile) => void;
  canPreview: boolean;
}

const rowHeight = 56;

/**
 * The Inbox rows, virtualized: only the visible ones are in the DOM, so 10,000 files scroll.
 * ARIA table semantics (table, row, columnheader, cell, with the full row count and each row's
 * index) let a screen reader read it as the table it looks like, virtualized or not.
 */
export function FileList(props: FileListProps) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memo-safe by design; this component re-renders with it.
  const virtualizer = useVirtualizer({
    count: props.files.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // One formatter per language: a new one on every scroll would re-render every memoized row.
  const time = useMemo(
    () => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }),
    [language],
  );
  const byDirectory = useMemo(
    () => new Map([...props.recorders.values()].map((r) => [r.directory, r.id])),
    [props.recorders],
  );
  const allSelected = props.files.length > 0 && props.files.every((f) => props.selected.has(f.id));

  const header = (key: SortKey | null, label: string) =>
    key === null ? (
      <Text role="columnheader" size="sm" fw={600}>
        {label}
      </Text>
    ) : (
      <UnstyledButton
        role="columnheader"
        aria-sort={
          props.sort === key ? (props.isDescending ? 'descending' : 'ascending') : undefined
        }
        onClick={() => props.onSort(key)}
      >
        <Group gap={2} wrap="nowrap">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {props.sort === key &&
            (props.isDescending ? <IconChevronDown size={14} /> : <IconChevronUp size={14} />)}
        </Group>
      </UnstyledButton>
    );

  return (
    <Box role="table" aria-label={t('inbox.title')} aria-rowcount={props.files.length + 1}>
      <Box
        role="row"
        aria-rowindex={1}
        px="sm"
        py={8}
        style={{
          display: 'grid',
          gridTemplateColumns: gridColumns,
          gap: 12,
          alignItems: 'center',
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        <div role="columnheader">
          <Checkbox
            aria-label={t('inbox.selectAll')}
            checked={allSelected}
            indeterminate={!allSelected && props.selected.size > 0}
            onChange={props.onToggleAll}
          />
        </div>
        {header('name', t('inbox.column.file'))}
        {header(null, t('inbox.recorder'))}
        {header('size', t('inbox.column.size'))}
        {header('duration', t('inbox.column.duration'))}
        {header(null, t('inbox.column.resolution'))}
        {header('detected', t('inbox.column.detected'))}
        {header(null, t('inbox.column.status'))}
        <span role="columnheader" aria-label={t('inbox.column.actions')} />
      </Box>
      <div
        ref={parent}
        style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }}
        data-testid="inbox-list"
      >
        {props.files.length === 0 ? (
          props.empty
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const file = props.files[item.index];
              if (!file) return null;
              return (
                <FileRow
                  key={file.id}
                  file={file}
                  recorder={props.recorders.get(recorderIdOf(file, byDirectory) ?? -1)}
                  isSelected={props.selected.has(file.id)}
                  rowIndex={item.index + 2}
                  top={item.start}
                  height={rowHeight}
                  time={time}
                  canPreview={props.canPreview}
                  onToggle={props.onToggle}
                  onOpen={props.onOpen}
                  onClaim={props.onClaim}
                  onPreview={props.onPreview}
                  onDelete={props.onDelete}
                />
              );
            })}
          </div>
        )}
      </div>
    </Box>
  );
}
