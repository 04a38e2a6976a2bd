import { Badge, Group } from '@mantine/core';
import type { MigrationRunView } from '../../../src-preload/contract';
import { useFormat, useLanguage, useT } from '../../i18n/i18n';
import { stateColor, stateOrder } from './labels';

/** "Fait : 48", "En échec : 2": where a run's lines are. */
export function StateCounts({ run }: { run: MigrationRunView }) {
  const t = useT();
  const format = useFormat();
  const language = useLanguage((s) => s.language);
  return (
    <Group gap="xs" data-testid="migration-state-counts">
      {stateOrder
        .filter((state) => (run.byState[state] ?? 0) > 0)
        .map((state) => (
          <Badge key={state} size="lg" variant="light" color={stateColor[state]} tt="none">
            {format.labelled(
              t(`migration.state.${state}`),
              (run.byState[state] ?? 0).toLocaleString(language),
            )}
          </Badge>
        ))}
    </Group>
  );
}
