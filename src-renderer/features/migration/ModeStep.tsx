import {
  Alert,
  Button,
  Checkbox,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect } from 'react';
import { migrationModes } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';
import { recordersStore } from '../recorders/recordersStore';
import { settingsStore } from '../settings/settingsStore';
import { usersStore } from '../users/usersStore';
import { readMoodleConnections, useMigrationTab, useMoodleConnections } from './migrationStores';
import { choose, useWizard } from './wizardStore';

/** Step 3: one mode per run, as in Pod, and what that mode needs. */
export function ModeStep() {
  const t = useT();
  const w = useWizard();
  const recorders = recordersStore.use((s) => s.data) ?? [];
  const users = usersStore.use((s) => s.data) ?? [];
  const isClaimingOn =
    (settingsStore.use((s) => s.data) ?? []).find(
      (s) => s.key === 'ALLOW_MANUAL_RECORDING_CLAIMING',
    )?.value !== false;
  const moodle = useMoodleConnections((s) => s.data);
  useEffect(readMoodleConnections, []);
  const recorder = recorders.find((r) => r.id === w.recorderId);
  const manager = users.find((u) => u.id === recorder?.managerId);
  return (
    <Stack maw={720}>
      <Radio.Group
        value={w.mode}
        onChange={(mode) => choose({ mode: mode as (typeof migrationModes)[number] })}
      >
        <Stack gap="sm">
          {migrationModes.map((mode) => (
            <Radio
              key={mode}
              value={mode}
              label={t(`migration.mode.${mode}`)}
              description={t(`migration.mode.${mode}.help`)}
            />
          ))}
        </Stack>
      </Radio.Group>

      {w.mode === 'manual_claim' &&
        (recorders.length === 0 ? (
          <Alert color="orange">{t('migration.recorder.none')}</Alert>
        ) : (
          <>
            <Select
              label={t('migration.recorder')}
              data={recorders.map((r) => ({ value: String(r.id), label: r.name }))}
              value={w.recorderId === null ? null : String(w.recorderId)}
              onChange={(value) => choose({ recorderId: value === null ? null : Number(value) })}
              description={recorder?.dropPath}
            />
            {recorder && recorder.managerId !== null && (
              <Alert color="orange">
                {t('migration.recorder.managed', {
                  name: recorder.name,
                  manager: manager?.username ?? String(recorder.managerId),
                })}
              </Alert>
            )}
            {!isClaimingOn && <Alert color="orange">{t('migration.recorder.claimOff')}</Alert>}
          </>
        ))}

      {w.mode === 'import_video' &&
        (users.length === 0 ? (
          <Alert color="orange">{t('migration.admin.none')}</Alert>
        ) : (
          <Select
            label={t('migration.admin')}
            description={t('migration.admin.help')}
            searchable
            data={users.map((u) => ({
              value: u.username,
              label: `${u.username} — ${u.firstName} ${u.lastName}`.trim(),
            }))}
            value={w.admin}
            onChange={(admin) => choose({ admin })}
          />
        ))}

      {w.mode === 'export_csv' && (
        <TextInput
          label={t('migration.csvPath')}
          placeholder={t('migration.csvPath.placeholder')}
          value={w.csvPath}
          onChange={(e) => choose({ csvPath: e.currentTarget.value })}
        />
      )}

      {w.mode !== 'manual_claim' && (
        <>
          <Checkbox
            label={t('migration.useMoodle')}
            description={t('migration.useMoodle.help')}
            checked={w.useMoodle}
            onChange={(e) => choose({ useMoodle: e.currentTarget.checked })}
          />
          {w.useMoodle && moodle?.length === 0 && (
            <Alert color="orange" data-testid="migration-moodle-none">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">{t('migration.useMoodle.none')}</Text>
                <Button
                  variant="light"
                  onClick={() => useMigrationTab.setState({ tab: 'moodle' })}
                  style={{ flexShrink: 0 }}
                >
                  {t('migration.useMoodle.go')}
                </Button>
              </Group>
            </Alert>
          )}
          {w.useMoodle && moodle && moodle.length > 0 && (
            <Text size="xs" c="dimmed" mt={-8}>
              {t('migration.useMoodle.connections', {
                names: moodle.map((c) => c.name).join(', '),
              })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
