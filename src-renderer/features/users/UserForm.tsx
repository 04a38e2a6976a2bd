import { Checkbox, Group, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { User } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { FormActions } from '../../components/FormActions';
import { useSubmit } from '../../client/useSubmit';
import { useT } from '../../i18n/i18n';

/** What an operator types; origin and inPod are the Pod mirror's to say. */
type Values = Omit<User, 'id' | 'origin' | 'inPod'>;

export function UserForm(props: { user?: User; onDone: () => void }) {
  const t = useT();
  const { user } = props;
  const form = useForm<Values>({
    initialValues: {
      username: user?.username ?? '',
      firstName: user?.firstName ?? '',
      lastName: user?.lastName ?? '',
      email: user?.email ?? '',
      isStaff: user?.isStaff ?? false,
      isSuperuser: user?.isSuperuser ?? false,
      affiliation: user?.affiliation ?? '',
      groups: user?.groups ?? [],
    },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const submit = (values: Values) =>
    void run(
      () =>
        user ? call('users.update', { id: user.id, patch: values }) : call('users.create', values),
      (saved) => {
        notifications.show({
          color: 'green',
          message: t(user ? 'users.updated' : 'users.created', { name: saved.username }),
        });
        props.onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('users.field.username')}
            withAsterisk
            {...form.getInputProps('username')}
          />
          <TextInput label={t('users.field.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('users.field.firstName')} {...form.getInputProps('firstName')} />
          <TextInput label={t('users.field.lastName')} {...form.getInputProps('lastName')} />
          <TextInput label={t('users.field.affiliation')} {...form.getInputProps('affiliation')} />
          <TagsInput label={t('users.field.groups')} {...form.getInputProps('groups')} />
        </SimpleGrid>
        <Group>
          <Checkbox
            label={t('users.field.isStaff')}
            {...form.getInputProps('isStaff', { type: 'checkbox' })}
          />
          <Checkbox
            label={t('users.field.isSuperuser')}
            {...form.getInputProps('isSuperuser', { type: 'checkbox' })}
          />
        </Group>
        <FormActions isBusy={isBusy} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
