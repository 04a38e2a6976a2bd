import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../client/client';
import { useLanguage, useT } from '../../i18n/i18n';
import { callErrorText } from './callErrorText';
import { migrationRunsStore } from './migrationStores';
import { RunControls } from './RunControls';
import { RunLines } from './RunLines';
import { RunProgress } from './RunProgress';
import { optionsOf, useWizard } from './wizardStore';

/**
 * Step 5: the plan made again for real (the list may have moved since the dry run) and started;
 * then its progress, live through `migration.changed`.
 */
export function RunStep() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const runId = useWizard((s) => s.runId);
  const mode = useWizard((s) => s.mode);
  const run = migrationRunsStore.use((s) => s.data?.find((r) => r.id === runId));
  const [isLaunching, setLaunching] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const launch = async () => {
    const options = optionsOf(useWizard.getState());
    if (!options) return;
    setLaunching(true);
    setErrors([]);
    try {
      const planned = await call('migration.plan', { ...options, dry: false });
      useWizard.setState({ runId: planned.id });
      await call('migration.start', { runId: planned.id });
    } catch (error) {
      setErrors(callErrorText(error, language));
    } finally {
      setLaunching(false);
    }
  };

  return (
    <Stack>
      {runId === null && (
        <>
          <Text size="sm" c="dimmed">
            {t('migration.run.intro')}
          </Text>
          {mode === 'manual_claim' && (
            <Alert color="blue" icon={<IconInfoCircle />}>
              {t('migration.run.keepOpen')}
            </Alert>
          )}
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            loading={isLaunching}
            onClick={() => void launch()}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('migration.run.launch')}
          </Button>
        </>
      )}
      {errors.length > 0 && (
        <Alert color="red">
          {errors.map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Alert>
      )}
      {run && (
        <>
          <RunControls run={run} />
          <RunProgress run={run} />
          <RunLines run={run} />
        </>
      )}
    </Stack>
  );
}
