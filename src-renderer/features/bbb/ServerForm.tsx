import { PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { BbbChecksum, BbbServerView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { FormActions } from '../../components/FormActions';
import { useBilingual, useT } from '../../i18n/i18n';

interface Values {
  name: string;
  url: string;
  secret: string;
  checksum: BbbChecksum;
  autoPublish: boolean;
}

/**
 * Adds a server, or edits one (`server`): the secret is never sent back to the console, so an
 * empty secret keeps the stored one. Either way the connection is tested after saving.
 */
export function ServerForm({ server, onDone }: { server?: BbbServerView; onDone: () => void }) {
  const t = useT();
  const pick = useBilingual();
  const form = useForm<Values>({
    initialValues: {
      name: server?.name ?? '',
      url: server?.url ?? '',
      secret: '',
      checksum: server?.checksum ?? 'sha256',
      autoPublish: server?.autoPublish ?? false,
    },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const save = async (v: Values) => {
    if (!server) return call('bbbServers.add', v);
    const { secret, ...rest } = v;
    return call('bbbServers.update', {
      id: server.id,
      patch: secret.trim() === '' ? rest : { ...rest, secret },
    });
  };
  const submit = (v: Values) =>
    void run(
      async () => {
        const saved = await save(v);
        return call('bbbServers.test', { id: saved.id });
      },
      (tested) => {
        const verb = server ? 'saved' : 'added';
        notifications.show({
          color: tested.isReachable ? 'green' : 'orange',
          message: tested.isReachable
            ? t(`bbb.server.${verb}`, { name: tested.name, version: tested.version ?? '' })
            : t(`bbb.server.${verb}Unreachable`, {
                name: tested.name,
                error: tested.lastError ? pick(tested.lastError) : '',
              }),
        });
        onDone();
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('bbb.server.name')} withAsterisk {...form.getInputProps('name')} />
          <Select
            label={t('bbb.server.checksum')}
            description={t('bbb.server.checksumHelp')}
            data={['sha256', 'sha1', 'sha512', 'sha384']}
            allowDeselect={false}
            {...form.getInputProps('checksum')}
          />
        </SimpleGrid>
        <TextInput
          label={t('bbb.server.url')}
          placeholder="https://bbb.univ.fr/bigbluebutton/"
          withAsterisk
          {...form.getInputProps('url')}
        />
        <PasswordInput
          label={t('bbb.server.secret')}
          description={server ? t('bbb.server.secretKeep') : undefined}
          withAsterisk={!server}
          {...form.getInputProps('secret')}
        />
        <Switch
          label={t('bbb.server.autoPublish')}
          description={t('bbb.server.autoPublishHelp')}
          {...form.getInputProps('autoPublish', { type: 'checkbox' })}
        />
        <FormActions isBusy={isBusy} onCancel={onDone} />
      </Stack>
    </form>
  );
}
