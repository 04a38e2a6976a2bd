import { Badge, Group } from '@mantine/core';
import type { MigrationRunView } from '../../../src-preload/contract';
import { useFormat, useLanguage, useT } from '../../i18n/i18n';
import { actionColor, actionOrder } from './labels';

/** "Vidéo externe : 50", "Ignorer : 3": what a plan will do, by action. */
export function ActionCounts({ run }: { run: MigrationRunView }) {
  const t = useT();
  const format = useFormat();
  const language = useLanguage((s) => s.language);
  return (
    <Group gap="xs" data-testid="migration-action-counts">
      {actionOrder
        .filter((action) => (run.byAction[action] ?? 0) > 0)
        .map((action) => (
          <Badge key={action} size="lg" variant="light" color={actionColor[action]} tt="none">
            {format.labelled(
              t(`migration.action.${action}`),
              (run.byAction[action] ?? 0).toLocaleString(language),
            )}
          </Badge>
        ))}
    </Group>
  );
}
