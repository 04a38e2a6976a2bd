import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import type { MigrationItemState, MigrationRunView } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';
import { stateOrder } from './labels';
import { runColumns, useItemCells } from './useItemCells';
import { usePagedItems } from './usePagedItems';
import { VirtualTable } from './VirtualTable';

/** A run's lines with their state, live, filtered by state; read a page at a time. */
export function RunLines(props: {
  run: MigrationRunView;
  initialState?: MigrationItemState | null;
  height?: string;
}) {
  const t = useT();
  const [state, setState] = useState<MigrationItemState | null>(props.initialState ?? null);
  const { count, itemAt, onRange } = usePagedItems(props.run, state);
  const { headers, cells } = useItemCells(true);
  return (
    <Stack gap="xs">
      <SegmentedControl
        style={{ alignSelf: 'flex-start' }}
        aria-label={t('migration.column.state')}
        value={state ?? 'all'}
        onChange={(value) => setState(value === 'all' ? null : (value as MigrationItemState))}
        data={[
          { value: 'all', label: t('migration.run.filter.all') },
          ...stateOrder
            .filter((s) => (props.run.byState[s] ?? 0) > 0 || s === state)
            .map((s) => ({ value: s, label: t(`migration.state.${s}`) })),
        ]}
      />
      <VirtualTable
        label={t('migration.step.run')}
        columns={runColumns}
        headers={headers}
        count={count}
        row={(index) => {
          const item = itemAt(index);
          return item ? cells(item) : null;
        }}
        onRange={onRange}
        height={props.height ?? 'calc(100vh - 470px)'}
        testId="migration-run-lines"
      />
    </Stack>
  );
}
