import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Recorder, User } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { FormActions } from '../../components/FormActions';
import { useT } from '../../i18n/i18n';

interface Values {
  recorderId: string | null;
  relPath: string;
  title: string;
  owner: string | null;
}

/** Pod's "add a recording": a file already in a recorder's folder, checked now, queued at once. */
export function AddRecordingForm(props: {
  recorders: Recorder[];
  users: User[];
  onDone: () => void;
}) {
  const t = useT();
  // Every missing field is flagged at once, before the call; the main side checks them all too.
  const required = (value: string | null) =>
    value === null || value.trim() === '' ? t('common.required') : null;
  const form = useForm<Values>({
    initialValues: { recorderId: null, relPath: '', title: '', owner: null },
    validate: {
      recorderId: (value) => (value === null ? t('recordings.add.chooseRecorder') : null),
      relPath: required,
      title: required,
    },
  });
  const { run, isBusy } = useSubmit((errors) =>
    form.setErrors(
      errors.recorderId ? errors : { ...errors, relPath: errors.relPath ?? errors.ids },
    ),
  );
  const submit = (v: Values) =>
    void run(
      () =>
        call('recordings.add', {
          recorderId: Number(v.recorderId),
          relPath: v.relPath,
          title: v.title,
          ...(v.owner ? { owner: v.owner } : {}),
        }),
      (recording) => {
        notifications.show({
          color: 'green',
          message: `${t('inbox.claimed', { count: 1 })} — ${recording.title}`,
        });
        props.onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('inbox.recorder')}
            withAsterisk
            data={props.recorders.map((r) => ({
              value: String(r.id),
              label: `${r.name} (${r.directory})`,
            }))}
            {...form.getInputProps('recorderId')}
          />
          <TextInput
            label={t('recordings.add.relPath')}
            description={t('recordings.add.relPath.help')}
            withAsterisk
            {...form.getInputProps('relPath')}
          />
          <TextInput label={t('inbox.field.title')} withAsterisk {...form.getInputProps('title')} />
          <Select
            label={t('inbox.field.owner')}
            data={props.users.map((u) => ({ value: u.username, label: u.username }))}
            searchable
            clearable
            {...form.getInputProps('owner')}
          />
        </SimpleGrid>
        <FormActions isBusy={isBusy} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
