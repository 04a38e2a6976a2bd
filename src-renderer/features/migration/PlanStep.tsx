import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { MigrationAction, MigrationItemView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useLanguage, useT } from '../../i18n/i18n';
import { ActionCounts } from './ActionCounts';
import { callErrorText } from './callErrorText';
import { actionOrder } from './labels';
import { migrationRunsStore } from './migrationStores';
import { download, planCsv } from './planCsv';
import { planColumns, useItemCells } from './useItemCells';
import { VirtualTable } from './VirtualTable';
import { optionsOf, useWizard } from './wizardStore';

/** Step 4: a dry run of the choices, every line with its action, owners, file and why. */
export function PlanStep() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const dryRunId = useWizard((s) => s.dryRunId);
  const run = migrationRunsStore.use((s) => s.data?.find((r) => r.id === dryRunId));
  const [errors, setErrors] = useState<string[]>([]);
  const [isPlanning, setPlanning] = useState(false);
  const [action, setAction] = useState<MigrationAction | 'all'>('all');
  const { headers, cells } = useItemCells(false);

  const plan = () => {
    const options = optionsOf(useWizard.getState());
    if (!options) return;
    setPlanning(true);
    setErrors([]);
    setAction('all');
    call('migration.plan', { ...options, dry: true })
      .then((planned) => useWizard.setState({ dryRunId: planned.id, runId: null }))
      .catch((error: unknown) => setErrors(callErrorText(error, language)))
      .finally(() => setPlanning(false));
  };

  // A plan is read whole: the filter by action and the CSV need every line (20,000 lines of a
  // few hundred bytes each). Kept with its run's id, so another plan never shows these lines.
  const [loaded, setLoaded] = useState<{ runId: number; items: MigrationItemView[] } | null>(null);
  const items = loaded !== null && loaded.runId === dryRunId ? loaded.items : null;
  useEffect(() => {
    if (dryRunId === null) return;
    let isCurrent = true;
    void call('migration.items', { runId: dryRunId, limit: 100_000 }).then((read) => {
      if (isCurrent) setLoaded({ runId: dryRunId, items: read });
    });
    return () => {
      isCurrent = false;
    };
  }, [dryRunId]);

  const shown = useMemo(
    () => (items ?? []).filter((i) => action === 'all' || i.action === action),
    [items, action],
  );
  const row = (index: number) => {
    const item = shown[index];
    return item ? cells(item) : null;
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('migration.plan.intro')}
      </Text>
      <Group>
        <Button loading={isPlanning} onClick={plan} variant={run ? 'default' : 'filled'}>
          {run ? t('migration.plan.remake') : t('migration.plan.make')}
        </Button>
        {items && items.length > 0 && (
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            onClick={() =>
              download(`plan-migration-${String(dryRunId)}.csv`, planCsv(items, language))
            }
          >
            {t('migration.plan.saveCsv')}
          </Button>
        )}
      </Group>
      {errors.length > 0 && (
        <Alert color="red" data-testid="migration-plan-errors">
          {errors.map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Alert>
      )}
      {!run ? (
        errors.length === 0 && <Text c="dimmed">{t('migration.plan.none')}</Text>
      ) : run.total === 0 ? (
        <Alert color="orange">{t('migration.plan.empty')}</Alert>
      ) : (
        <>
          <Group justify="space-between">
            <Group gap="sm">
              <Text fw={600} data-testid="migration-plan-total">
                {t('migration.plan.total', { count: run.total })}
              </Text>
              <ActionCounts run={run} />
            </Group>
            <SegmentedControl
              aria-label={t('migration.plan.filter')}
              value={action}
              onChange={(value) => setAction(value as MigrationAction | 'all')}
              data={[
                { value: 'all', label: t('migration.plan.filter.all') },
                ...actionOrder
                  .filter((a) => (run.byAction[a] ?? 0) > 0)
                  .map((a) => ({ value: a, label: t(`migration.action.${a}`) })),
              ]}
            />
          </Group>
          <VirtualTable
            label={t('migration.step.plan')}
            columns={planColumns}
            headers={headers}
            count={items ? shown.length : run.total}
            row={row}
            height="calc(100vh - 500px)"
            testId="migration-plan-lines"
          />
        </>
      )}
    </Stack>
  );
}
