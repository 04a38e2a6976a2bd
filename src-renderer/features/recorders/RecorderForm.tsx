import { MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { recordingTypes, type Recorder, type User } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { FormActions } from '../../components/FormActions';
import { useSubmit } from '../../client/useSubmit';
import { useT } from '../../i18n/i18n';
import { VideoTypeField } from '../pod/VideoTypeField';

interface Values {
  name: string;
  directory: string;
  recordingType: string;
  addressIp: string;
  salt: string;
  manager: string | null;
  additionalUsers: string[];
  videoTypeId: number | string;
  description: string;
}

const usernameOf = (users: User[], id: number | null) =>
  users.find((u) => u.id === id)?.username ?? null;

/**
 * Create or edit a recorder. Validation is the main side's: its field errors are shown at the
 * fields, in the current language.
 */
export function RecorderForm(props: {
  recorder?: Recorder | undefined;
  /** A folder reported by the Inbox: the new recorder takes its name. */
  folder?: string | undefined;
  users: User[];
  onDone: () => void;
}) {
  const t = useT();
  const { recorder, users } = props;
  const form = useForm<Values>({
    initialValues: {
      name: recorder?.name ?? props.folder ?? '',
      directory: recorder?.directory ?? props.folder ?? '',
      recordingType: recorder?.recordingType ?? 'video',
      addressIp: recorder?.addressIp ?? '',
      salt: recorder?.salt ?? '',
      manager: usernameOf(users, recorder?.managerId ?? null),
      additionalUsers:
        recorder?.additionalUserIds.flatMap((id) => usernameOf(users, id) ?? []) ?? [],
      videoTypeId: recorder?.videoTypeId ?? 1,
      description: recorder?.description ?? '',
    },
  });
  const { run, isBusy } = useSubmit(form.setErrors);

  const submit = (values: Values) => {
    const input = {
      ...values,
      addressIp: values.addressIp.trim() === '' ? null : values.addressIp,
      videoTypeId: Number(values.videoTypeId),
    };
    void run(
      () =>
        recorder
          ? call('recorders.update', { id: recorder.id, patch: input })
          : call('recorders.create', input),
      (saved) => {
        notifications.show({
          color: 'green',
          message: t(recorder ? 'recorders.updated' : 'recorders.created', { name: saved.name }),
        });
        props.onDone();
      },
    );
  };

  const staff = users
    .filter((u) => u.isStaff)
    .map((u) => ({ value: u.username, label: `${u.username} (${u.firstName} ${u.lastName})` }));
  const everyone = users.map((u) => ({ value: u.username, label: u.username }));
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('recorders.field.name')}
            withAsterisk
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('recorders.field.directory')}
            description={t('recorders.field.directory.help')}
            withAsterisk
            {...form.getInputProps('directory')}
          />
          <Select
            label={t('recorders.field.recordingType')}
            data={recordingTypes.map((type) => ({
              value: type,
              label: t(`recorders.type.${type}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('recordingType')}
          />
          <VideoTypeField
            label={t('recorders.field.videoTypeId')}
            {...form.getInputProps('videoTypeId')}
          />
          <TextInput
            label={t('recorders.field.addressIp')}
            description={t('recorders.field.addressIp.help')}
            {...form.getInputProps('addressIp')}
          />
          <TextInput
            label={t('recorders.field.salt')}
            description={t('recorders.field.salt.help')}
            {...form.getInputProps('salt')}
          />
          <Select
            label={t('recorders.field.manager')}
            description={t('recorders.field.manager.help')}
            data={staff}
            clearable
            searchable
            {...form.getInputProps('manager')}
          />
          <MultiSelect
            label={t('recorders.field.additionalUsers')}
            data={everyone}
            searchable
            {...form.getInputProps('additionalUsers')}
          />
        </SimpleGrid>
        <Textarea
          label={t('recorders.field.description')}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <FormActions isBusy={isBusy} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
