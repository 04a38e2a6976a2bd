import {
  Autocomplete,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useT } from '../../i18n/i18n';
import { bbbMeetingsStore } from '../bbb/bbbStores';
import { useSnapshot } from './useSnapshot';
import { choose, useWizard } from './wizardStore';

/** BBB's usual states, offered even before the list holds one of each. */
const usualStates = ['published', 'unpublished', 'deleted'];

/** Step 2: which recordings of the list the plan takes (all by default). */
export function FilterStep() {
  const t = useT();
  const w = useWizard();
  const snapshot = useSnapshot(w.serverId);
  // The recordings' metadata is not in their view; the mirrored meetings of the same server
  // carry `bbb-origin-server-name`, so they suggest it, and any other name can be typed.
  const origins = [
    ...new Set(
      (bbbMeetingsStore.use((s) => s.data) ?? [])
        .filter((m) => m.serverId === w.serverId && m.originServer)
        .map((m) => m.originServer ?? ''),
    ),
  ].sort();
  const states = [
    ...new Set([...usualStates, ...(typeof snapshot === 'object' ? snapshot.states : [])]),
  ];
  return (
    <Stack maw={720}>
      <Text size="sm" c="dimmed">
        {t('migration.filter.intro')}
      </Text>
      <Group grow>
        <TextInput
          type="date"
          label={t('migration.filter.from')}
          value={w.from}
          onChange={(e) => choose({ from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('migration.filter.to')}
          value={w.to}
          onChange={(e) => choose({ to: e.currentTarget.value })}
        />
      </Group>
      <Autocomplete
        label={t('migration.filter.origin')}
        placeholder={t('migration.filter.origin.placeholder')}
        data={origins}
        value={w.originServer}
        onChange={(originServer) => choose({ originServer })}
      />
      <MultiSelect
        label={t('migration.filter.states')}
        placeholder={w.states.length === 0 ? t('migration.filter.states.placeholder') : undefined}
        data={states}
        value={w.states}
        onChange={(chosen) => choose({ states: chosen })}
        clearable
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t('migration.filter.min')}
          min={1}
          allowDecimal={false}
          value={w.min}
          onChange={(min) => choose({ min })}
        />
        <NumberInput
          label={t('migration.filter.max')}
          min={1}
          allowDecimal={false}
          value={w.max}
          onChange={(max) => choose({ max })}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('migration.filter.positions.help')}
      </Text>
    </Stack>
  );
}
