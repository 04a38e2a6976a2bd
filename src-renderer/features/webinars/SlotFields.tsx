import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../../i18n/i18n';

export interface SlotValues {
  date: string;
  time: string;
  durationMinutes: number | string;
}

/**
 * Start (date and time, the browser's local time) and expected duration: the slot the gateway is
 * allocated for. The browser's date input, and the time as text (week.ts `parseTime`): no
 * calendar library for two fields.
 */
export function SlotFields<V extends SlotValues>({ form }: { form: UseFormReturnType<V> }) {
  const t = useT();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <TextInput
        type="date"
        label={t('webinars.field.date')}
        withAsterisk
        {...form.getInputProps('date')}
      />
      <TextInput
        label={t('webinars.field.time')}
        placeholder="14:30"
        withAsterisk
        {...form.getInputProps('time')}
      />
      <NumberInput
        label={t('webinars.field.duration')}
        suffix=" min"
        min={1}
        max={24 * 60}
        step={15}
        withAsterisk
        {...form.getInputProps('durationMinutes')}
      />
    </SimpleGrid>
  );
}
