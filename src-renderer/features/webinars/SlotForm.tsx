import { Alert, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { WebinarView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { FormActions } from '../../components/FormActions';
import { useBilingual, useT } from '../../i18n/i18n';
import { SlotFields, type SlotValues } from './SlotFields';
import { useFormCall } from './useFormCall';
import { fromLocalInputs, toLocalInputs } from './week';

/**
 * Moves a webinar or changes its duration. The main side checks its gateway again for the new
 * slot and refuses, naming the overlapping webinars, when none is free.
 */
export function SlotForm({ webinar, onDone }: { webinar: WebinarView; onDone: () => void }) {
  const t = useT();
  const pick = useBilingual();
  const form = useForm<SlotValues>({
    initialValues: {
      ...toLocalInputs(new Date(webinar.startAt)),
      durationMinutes: webinar.durationMinutes,
    },
    validate: {
      date: (value, v) => (fromLocalInputs(value, v.time) ? null : t('webinars.field.badStart')),
    },
  });
  const { run, isBusy, refusal } = useFormCall(form.setErrors, Object.keys(form.values));
  const submit = (v: SlotValues) =>
    void run(
      () =>
        call('webinars.update', {
          id: webinar.id,
          patch: {
            startAt: fromLocalInputs(v.date, v.time) ?? '',
            durationMinutes: Number(v.durationMinutes),
          },
        }),
      (saved) => {
        notifications.show({
          color: 'green',
          message: t('webinars.slotSaved', { name: saved.name }),
        });
        onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('webinars.slotHelp')}
        </Text>
        <SlotFields form={form} />
        {refusal && (
          <Alert color="red" data-testid="webinar-refusal" style={{ whiteSpace: 'pre-line' }}>
            {pick(refusal)}
          </Alert>
        )}
        <FormActions isBusy={isBusy} onCancel={onDone} />
      </Stack>
    </form>
  );
}
