import { Button, Group, Stack, Stepper } from '@mantine/core';
import { useT } from '../../i18n/i18n';
import { FilterStep } from './FilterStep';
import { migrationRunsStore } from './migrationStores';
import { ModeStep } from './ModeStep';
import { PlanStep } from './PlanStep';
import { RunReport } from './RunReport';
import { RunStep } from './RunStep';
import { ServerStep } from './ServerStep';
import { useSnapshot } from './useSnapshot';
import { restartWizard, useWizard } from './wizardStore';

const steps = ['server', 'filter', 'mode', 'plan', 'run', 'report'] as const;

/** Server → filter → mode → plan review → run → report (issue #12 §7). */
export function Wizard() {
  const t = useT();
  const w = useWizard();
  const snapshot = useSnapshot(w.serverId);
  const runs = migrationRunsStore.use((s) => s.data) ?? [];
  const dryRun = runs.find((r) => r.id === w.dryRunId);
  const run = runs.find((r) => r.id === w.runId);
  const isRunOver =
    run !== undefined && (run.byState.planned ?? 0) + (run.byState.running ?? 0) === 0;
  // What each step needs before the next one (the main side checks it all again).
  const isReady = [
    typeof snapshot === 'object' && snapshot.count > 0,
    true,
    (w.mode === 'manual_claim' && w.recorderId !== null) ||
      (w.mode === 'import_video' && w.admin !== null) ||
      (w.mode === 'export_csv' && w.csvPath.trim() !== ''),
    dryRun !== undefined && dryRun.total > 0,
    isRunOver,
    false,
  ];
  const goTo = (step: number) => useWizard.setState({ step });
  return (
    <Stack>
      <Stepper active={w.step} onStepClick={goTo} allowNextStepsSelect={false} size="sm">
        {steps.map((step) => (
          <Stepper.Step key={step} label={t(`migration.step.${step}`)} />
        ))}
      </Stepper>
      {/* Above the step: a plan's table is long, the way on stays in sight. */}
      <Group justify="space-between">
        <Button
          variant="default"
          onClick={() => goTo(w.step - 1)}
          style={{ visibility: w.step > 0 ? 'visible' : 'hidden' }}
        >
          {t('migration.back')}
        </Button>
        {w.step < steps.length - 1 ? (
          <Button disabled={!isReady[w.step]} onClick={() => goTo(w.step + 1)}>
            {t('migration.next')}
          </Button>
        ) : (
          <Button variant="default" onClick={restartWizard}>
            {t('migration.restart')}
          </Button>
        )}
      </Group>
      {w.step === 0 && <ServerStep />}
      {w.step === 1 && <FilterStep />}
      {w.step === 2 && <ModeStep />}
      {w.step === 3 && <PlanStep />}
      {w.step === 4 && <RunStep />}
      {w.step === 5 && run && <RunReport run={run} />}
    </Stack>
  );
}
