import {
  Input,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { MoodleConnectionView, MoodleKind } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { FormActions } from '../../components/FormActions';
import { useT } from '../../i18n/i18n';

interface Values {
  name: string;
  kind: MoodleKind;
  host: string;
  port: number | string;
  databaseName: string;
  username: string;
  password: string;
  tablePrefix: string;
  schemaName: string;
  canWriteNotice: boolean;
}

const defaultPort: Record<MoodleKind, number> = { mysql: 3306, postgres: 5432 };

/**
 * Adds a Moodle database (Pod's DB_PARAMS, one per `bbb-origin-server-name`). The main side checks
 * every field at once (validate.ts) and the errors come back to their fields; the password is
 * sealed there and never sent back.
 */
export function MoodleForm(props: {
  onDone: (added: MoodleConnectionView | null) => void;
  suggestedName?: string;
}) {
  const t = useT();
  const form = useForm<Values>({
    initialValues: {
      name: props.suggestedName ?? '',
      kind: 'mysql',
      host: '',
      port: '',
      databaseName: 'moodle',
      username: '',
      password: '',
      tablePrefix: 'mdl_',
      schemaName: 'public',
      canWriteNotice: false,
    },
  });
  const { run, isBusy } = useSubmit(form.setErrors);
  const v = form.values;
  const submit = (values: Values) =>
    void run(
      () =>
        call('moodle.add', {
          name: values.name,
          kind: values.kind,
          host: values.host,
          ...(typeof values.port === 'number' ? { port: values.port } : {}),
          databaseName: values.databaseName,
          username: values.username,
          ...(values.password === '' ? {} : { password: values.password }),
          tablePrefix: values.tablePrefix,
          ...(values.kind === 'postgres' ? { schemaName: values.schemaName } : {}),
          canWriteNotice: values.canWriteNotice,
        }),
      (added) => props.onDone(added),
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <TextInput
          label={t('migration.moodle.name')}
          description={t('migration.moodle.name.help')}
          placeholder="moodle.univ.fr"
          withAsterisk
          {...form.getInputProps('name')}
        />
        <Input.Wrapper label={t('migration.moodle.kind')} error={form.errors.kind}>
          <div>
            <SegmentedControl
              aria-label={t('migration.moodle.kind')}
              data={[
                { value: 'mysql', label: t('migration.moodle.kind.mysql') },
                { value: 'postgres', label: t('migration.moodle.kind.postgres') },
              ]}
              value={v.kind}
              onChange={(kind) => form.setFieldValue('kind', kind as MoodleKind)}
            />
          </div>
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('migration.moodle.host')}
            placeholder="db.univ.fr"
            withAsterisk
            style={{ gridColumn: 'span 2' }}
            {...form.getInputProps('host')}
          />
          <NumberInput
            label={t('migration.moodle.port')}
            placeholder={String(defaultPort[v.kind])}
            min={1}
            max={65535}
            allowDecimal={false}
            {...form.getInputProps('port')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('migration.moodle.database')}
            withAsterisk
            {...form.getInputProps('databaseName')}
          />
          <TextInput
            label={t('migration.moodle.username')}
            description={t('migration.moodle.username.help')}
            withAsterisk
            {...form.getInputProps('username')}
          />
        </SimpleGrid>
        <PasswordInput
          label={t('migration.moodle.password')}
          description={t('migration.moodle.password.help')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        {/* The schema only exists for PostgreSQL; alone, the prefix takes the row. */}
        <SimpleGrid cols={{ base: 1, sm: v.kind === 'postgres' ? 2 : 1 }}>
          <TextInput
            label={t('migration.moodle.prefix')}
            description={t('migration.moodle.prefix.help')}
            {...form.getInputProps('tablePrefix')}
          />
          {v.kind === 'postgres' && (
            <TextInput
              label={t('migration.moodle.schema')}
              description={t('migration.moodle.schema.help')}
              {...form.getInputProps('schemaName')}
            />
          )}
        </SimpleGrid>
        <Switch
          label={t('migration.moodle.notice')}
          description={t('migration.moodle.notice.help')}
          {...form.getInputProps('canWriteNotice', { type: 'checkbox' })}
        />
        <FormActions isBusy={isBusy} onCancel={() => props.onDone(null)} />
      </Stack>
    </form>
  );
}
