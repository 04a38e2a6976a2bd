import { Alert, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { MigrationAction, MigrationRunView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useLanguage, useT } from '../../i18n/i18n';
import { ActionCounts } from './ActionCounts';
import { callErrorText } from './callErrorText';
import { actionOrder } from './labels';
import { migrationRunsStore } from './migrationStores';
import { download, planCsv } from './planCsv';
import { planColumns, useItemCells } from './useItemCells';
import { usePagedItems } from './usePagedItems';
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

  // The lines on screen are read a page at a time, filtered by action on the main side; only
  // the CSV needs every line, read when it is asked for.
  const [isSaving, setSaving] = useState(false);
  const saveCsv = (runId: number) => {
    setSaving(true);
    call('migration.items', { runId, limit: 100_000 })
      .then((items) => download(`plan-migration-${String(runId)}.csv`, planCsv(items, language)))
      .catch((error: unknown) => setErrors(callErrorText(error, language)))
      .finally(() => setSaving(false));
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
        {run && run.total > 0 && (
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={isSaving}
            onClick={() => saveCsv(run.id)}
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
          <PlanLines run={run} action={action === 'all' ? null : action} />
        </>
      )}
    </Stack>
  );
}

/** The plan's lines, one action's or all, read a page at a time for the rows on screen. */
function PlanLines(props: { run: MigrationRunView; action: MigrationAction | null }) {
  const t = useT();
  const { count, itemAt, onRange } = usePagedItems(props.run, null, props.action);
  const { headers, cells } = useItemCells(false);
  return (
    <VirtualTable
      label={t('migration.step.plan')}
      columns={planColumns}
      headers={headers}
      count={count}
      row={(index) => {
        const item = itemAt(index);
        return item ? cells(item) : null;
      }}
      onRange={onRange}
      height="calc(100vh - 500px)"
      testId="migration-plan-lines"
    />
  );
}
