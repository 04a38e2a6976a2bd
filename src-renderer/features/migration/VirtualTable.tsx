import { Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface VirtualTableProps {
  label: string;
  /** CSS grid columns, one per header. */
  columns: string;
  headers: string[];
  count: number;
  /** The row's cells, or null while its page is being read. */
  row: (index: number) => ReactNode[] | null;
  /** Told which rows are on screen (overscan included), so a paged source reads only those. */
  onRange?: (start: number, end: number) => void;
  height?: string;
  testId?: string;
}

const rowHeight = 44;
const grid = (columns: string) =>
  ({ display: 'grid', gridTemplateColumns: columns, gap: 12, alignItems: 'center' }) as const;

/**
 * A table whose rows only exist in the DOM while visible, so a plan of 20,000 lines scrolls as
 * one of 20. ARIA table roles with the full row count, as the Inbox's list (FileList.tsx) does.
 */
export function VirtualTable(props: VirtualTableProps) {
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is not memo-safe by design; this component re-renders with it.
  const virtualizer = useVirtualizer({
    count: props.count,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows.at(-1)?.index ?? -1;
  const { onRange } = props;
  useEffect(() => onRange?.(first, last + 1), [onRange, first, last]);
  return (
    <Box role="table" aria-label={props.label} aria-rowcount={props.count + 1}>
      <Box
        role="row"
        aria-rowindex={1}
        px="sm"
        py={8}
        style={{
          ...grid(props.columns),
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        {props.headers.map((header, i) => (
          <Text role="columnheader" size="sm" fw={600} key={i} truncate>
            {header}
          </Text>
        ))}
      </Box>
      <div
        ref={parent}
        style={{ height: props.height ?? 'calc(100vh - 420px)', minHeight: 220, overflow: 'auto' }}
        data-testid={props.testId}
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((item) => {
            const cells = props.row(item.index);
            return (
              <Box
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                px="sm"
                style={{
                  ...grid(props.columns),
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${String(item.start)}px)`,
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                {cells === null ? (
                  <Text role="cell" size="sm" c="dimmed" style={{ gridColumn: '1 / -1' }}>
                    …
                  </Text>
                ) : (
                  cells.map((cell, i) => (
                    <Box role="cell" key={i} style={{ minWidth: 0, overflow: 'hidden' }}>
                      {cell}
                    </Box>
                  ))
                )}
              </Box>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
