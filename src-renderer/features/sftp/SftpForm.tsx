import {
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { FormActions } from '../../components/FormActions';
import { useT } from '../../i18n/i18n';

interface Values {
  name: string;
  host: string;
  port: number | string;
  username: string;
  password: string;
  privateKey: string;
  remoteRoot: string;
  pollSeconds: number | string;
  afterProcessing: 'rename' | 'move' | 'leave';
  moveTo: string;
}

/** A remote drop folder; the password or key is sealed on the main side and never shown again. */
export function SftpForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [auth, setAuth] = useState<'password' | 'key'>('password');
  const form = useForm<Values>({
    initialValues: {
      name: '',
      host: '',
      port: 22,
      username: '',
      password: '',
      privateKey: '',
      remoteRoot: '/',
      pollSeconds: 15,
      afterProcessing: 'rename',
      moveTo: '',
    },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const submit = (v: Values) =>
    void run(
      () =>
        call('sftp.add', {
          name: v.name,
          host: v.host,
          port: Number(v.port),
          username: v.username,
          ...(auth === 'password' ? { password: v.password } : { privateKey: v.privateKey }),
          remoteRoot: v.remoteRoot,
          pollSeconds: Number(v.pollSeconds),
          afterProcessing: v.afterProcessing,
          ...(v.afterProcessing === 'move' ? { moveTo: v.moveTo } : {}),
        }),
      (source) => {
        notifications.show({ color: 'green', message: t('sftp.added', { name: source.name }) });
        onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('sftp.field.name')} withAsterisk {...form.getInputProps('name')} />
          <TextInput label={t('sftp.field.host')} withAsterisk {...form.getInputProps('host')} />
          <NumberInput
            label={t('sftp.field.port')}
            min={1}
            max={65535}
            {...form.getInputProps('port')}
          />
          <TextInput
            label={t('sftp.field.username')}
            withAsterisk
            {...form.getInputProps('username')}
          />
          <TextInput
            label={t('sftp.field.remoteRoot')}
            withAsterisk
            {...form.getInputProps('remoteRoot')}
          />
          <NumberInput
            label={t('sftp.field.pollSeconds')}
            min={2}
            {...form.getInputProps('pollSeconds')}
          />
        </SimpleGrid>
        <SegmentedControl
          value={auth}
          onChange={(v) => setAuth(v as 'password' | 'key')}
          data={[
            { value: 'password', label: t('sftp.field.password') },
            { value: 'key', label: t('sftp.field.privateKey') },
          ]}
        />
        {auth === 'password' ? (
          <PasswordInput label={t('sftp.field.password')} {...form.getInputProps('password')} />
        ) : (
          <Textarea
            label={t('sftp.field.privateKey')}
            autosize
            minRows={3}
            ff="monospace"
            {...form.getInputProps('privateKey')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('sftp.field.afterProcessing')}
            data={(['rename', 'move', 'leave'] as const).map((v) => ({
              value: v,
              label: t(`sftp.after.${v}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('afterProcessing')}
          />
          {form.values.afterProcessing === 'move' && (
            <TextInput label={t('sftp.field.moveTo')} {...form.getInputProps('moveTo')} />
          )}
        </SimpleGrid>
        <FormActions isBusy={isBusy} onCancel={onDone} />
      </Stack>
    </form>
  );
}
