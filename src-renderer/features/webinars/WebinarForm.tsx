import { Alert, MultiSelect, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { call } from '../../client/client';
import { FormActions } from '../../components/FormActions';
import { useBilingual, useT } from '../../i18n/i18n';
import { bbbServersStore } from '../bbb/bbbStores';
import { appInfoStore, usersStore } from '../users/usersStore';
import { MeetingChoice, type MeetingSource } from './MeetingChoice';
import { SlotFields, type SlotValues } from './SlotFields';
import { useFormCall } from './useFormCall';
import { fromLocalInputs, toLocalInputs } from './week';

interface Values extends SlotValues {
  serverId: string | null;
  name: string;
  meetingSource: MeetingSource;
  meetingId: string | null;
  enableChat: boolean;
  owner: string | null;
  additionalOwners: string[];
}

/** The next full hour, a sensible first slot to change. */
const nextHour = () => {
  const at = new Date();
  at.setHours(at.getHours() + 1, 0, 0, 0);
  return at;
};

/**
 * Creates a webinar: a BBB meeting on a registered server (a new one, or one running there) with
 * a slot, its chat setting and owners. The main side allocates a free gateway for the slot or refuses, naming the webinars
 * that hold them (shown in the form, which keeps what was typed).
 */
export function WebinarForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const pick = useBilingual();
  const servers = bbbServersStore.use((s) => s.data) ?? [];
  const users = usersStore.use((s) => s.data) ?? [];
  const me = appInfoStore.use((s) => s.data?.operator.user?.username) ?? null;
  const form = useForm<Values>({
    initialValues: {
      serverId: servers.length === 1 && servers[0] ? String(servers[0].id) : null,
      name: '',
      meetingSource: 'new',
      meetingId: null,
      ...toLocalInputs(nextHour()),
      durationMinutes: 60,
      enableChat: true,
      owner: me,
      additionalOwners: [],
    },
    validate: {
      serverId: (value) => (value === null ? t('webinars.field.chooseServer') : null),
      name: (value) => (value.trim() === '' ? t('common.required') : null),
      meetingId: (value, v) =>
        v.meetingSource === 'existing' && value === null ? t('webinars.meeting.choose') : null,
      date: (value, v) => (fromLocalInputs(value, v.time) ? null : t('webinars.field.badStart')),
    },
  });
  const { run, isBusy, refusal } = useFormCall(form.setErrors, Object.keys(form.values));
  const submit = (v: Values) =>
    void run(
      () =>
        call('webinars.create', {
          serverId: Number(v.serverId),
          name: v.name.trim(),
          startAt: fromLocalInputs(v.date, v.time) ?? '',
          durationMinutes: Number(v.durationMinutes),
          enableChat: v.enableChat,
          ...(v.owner ? { owner: v.owner } : {}),
          additionalOwners: v.additionalOwners,
          ...(v.meetingSource === 'existing' && v.meetingId ? { meetingId: v.meetingId } : {}),
        }),
      (webinar) => {
        notifications.show({
          color: 'green',
          message: t('webinars.created', {
            name: webinar.name,
            gateway: webinar.gatewayName ?? '—',
          }),
        });
        onDone();
      },
    );
  const people = users.map((u) => ({
    value: u.username,
    label: u.firstName || u.lastName ? `${u.username} (${u.firstName} ${u.lastName})` : u.username,
  }));
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('webinars.field.server')}
            data={servers.map((s) => ({ value: String(s.id), label: s.name }))}
            allowDeselect={false}
            withAsterisk
            {...form.getInputProps('serverId')}
            onChange={(value) => {
              // A running meeting belongs to one server: another server, another choice.
              form.setFieldValue('serverId', value);
              form.setFieldValue('meetingId', null);
            }}
          />
          <TextInput
            label={t('webinars.field.name')}
            withAsterisk
            {...form.getInputProps('name')}
          />
        </SimpleGrid>
        <MeetingChoice
          serverId={form.values.serverId}
          source={form.values.meetingSource}
          onSourceChange={(source) => {
            form.setFieldValue('meetingSource', source);
            if (source === 'new') form.setFieldValue('meetingId', null);
          }}
          meetingId={form.values.meetingId}
          error={form.errors.meetingId}
          onMeetingChange={(meetingId, meeting) => {
            form.setFieldValue('meetingId', meetingId);
            // Its name is the likely webinar name; one already typed is kept.
            if (meeting && form.values.name.trim() === '') form.setFieldValue('name', meeting.name);
          }}
        />
        <SlotFields form={form} />
        <Switch
          label={t('webinars.field.enableChat')}
          description={t('webinars.field.enableChatHelp')}
          {...form.getInputProps('enableChat', { type: 'checkbox' })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('webinars.field.owner')}
            data={people}
            searchable
            clearable
            {...form.getInputProps('owner')}
          />
          <MultiSelect
            label={t('webinars.field.additionalOwners')}
            data={people}
            searchable
            {...form.getInputProps('additionalOwners')}
          />
        </SimpleGrid>
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
