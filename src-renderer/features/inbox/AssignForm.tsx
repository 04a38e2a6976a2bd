import { Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { AssignRules, RecorderFile, User } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { FormActions } from '../../components/FormActions';
import { useT } from '../../i18n/i18n';
import { VideoTypeField } from '../pod/VideoTypeField';

interface Values {
  title: string;
  videoTypeId: number | string;
  description: string;
  owner: string | null;
}

/**
 * Claim or assign one file (title, video type, description, owner) or several (owner and type;
 * each keeps its default title). What the operator may choose comes from the main side's rules.
 */
export function AssignForm(props: { files: RecorderFile[]; users: User[]; onDone: () => void }) {
  const t = useT();
  const first = props.files[0];
  const [rules, setRules] = useState<AssignRules | null>(null);
  const form = useForm<Values>({
    initialValues: { title: '', videoTypeId: 1, description: '', owner: null },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const isSingle = props.files.length === 1;

  useEffect(() => {
    if (!first) return;
    void call('inbox.getRules', { id: first.id }).then((r) => {
      setRules(r);
      form.setValues({
        title: r.defaultTitle,
        videoTypeId: r.defaultVideoTypeId,
        owner: r.defaultOwner,
      });
    });
    // The form is initialised once per file; `form` is stable for the component's life.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first?.id]);

  const submit = (values: Values) =>
    void run(
      () =>
        call('inbox.assign', {
          ids: props.files.map((f) => f.id),
          ...(isSingle ? { title: values.title, description: values.description } : {}),
          videoTypeId: Number(values.videoTypeId),
          ...(values.owner ? { owner: values.owner } : {}),
        }),
      (made) => {
        notifications.show({
          color: 'green',
          message: t('inbox.claimed', { count: String(made.length) }),
        });
        props.onDone();
      },
    );

  if (!rules) return <Text c="dimmed">{t('common.loading')}</Text>;
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        {isSingle ? (
          <TextInput label={t('inbox.field.title')} withAsterisk {...form.getInputProps('title')} />
        ) : (
          <Text size="sm">{t('inbox.assignMany', { count: String(props.files.length) })}</Text>
        )}
        <Select
          label={t('inbox.field.owner')}
          description={rules.canChooseOwner ? undefined : t('inbox.field.owner.fixed')}
          data={props.users.map((u) => ({
            value: u.username,
            label: `${u.username} (${u.firstName} ${u.lastName})`,
          }))}
          searchable
          disabled={!rules.canChooseOwner}
          {...form.getInputProps('owner')}
        />
        <VideoTypeField
          label={t('inbox.field.videoTypeId')}
          {...form.getInputProps('videoTypeId')}
        />
        {isSingle && (
          <Textarea
            label={t('inbox.field.description')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
        )}
        <FormActions isBusy={isBusy} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
