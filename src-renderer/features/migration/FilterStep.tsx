import { Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useLanguage, useT } from '../../i18n/i18n';
import { useSnapshot } from './useSnapshot';
import { choose, useWizard } from './wizardStore';

/** The origin Select's value for the recordings without one (no host name has parentheses). */
const noOrigin = '(none)';

/**
 * Step 2: which recordings of the list the plan takes (all by default). The origin servers and
 * states offered are exactly those of the stored list, each with its count (`migration.snapshot`).
 */
export function FilterStep() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const w = useWizard();
  const snapshot = useSnapshot(w.serverId);
  const summary = typeof snapshot === 'object' ? snapshot : null;
  const counted = (label: string, count: number) => `${label} (${count.toLocaleString(language)})`;
  const origins = (summary?.originServers ?? []).map((o) => ({
    value: o.name === '' ? noOrigin : o.name,
    label: counted(o.name === '' ? t('migration.filter.origin.none') : o.name, o.count),
  }));
  const states = (summary?.states ?? []).map((s) => ({
    value: s.state,
    label: counted(s.state, s.count),
  }));
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
      <Select
        label={t('migration.filter.origin')}
        placeholder={t('migration.filter.origin.placeholder')}
        data={origins}
        value={w.originServer === null ? null : w.originServer || noOrigin}
        onChange={(value) =>
          choose({ originServer: value === null ? null : value === noOrigin ? '' : value })
        }
        clearable
        data-testid="migration-filter-origin"
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
