import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPlugConnected, IconTrash } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import type { MoodleConnectionView, MoodleTestResult } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { RowAction } from '../../components/RowAction';
import { useBilingual, useLanguage, useT } from '../../i18n/i18n';
import { appInfoStore } from '../users/usersStore';
import { callErrorText } from './callErrorText';
import { readMoodleConnections, useMoodleConnections } from './migrationStores';
import { MoodleForm } from './MoodleForm';

/** A test's outcome, or the call itself refused (the connection removed meanwhile). */
type Tested = MoodleTestResult | { refused: string };

/**
 * The Moodle databases the migration looks moderators up in (issue #12 §4): one per
 * `bbb-origin-server-name` plus `default`; added, tested (login, version, the three tables) and
 * removed here or with `regie migrate moodle`.
 */
export function MoodleTab() {
  const t = useT();
  const pick = useBilingual();
  const language = useLanguage((s) => s.language);
  const connections = useMoodleConnections((s) => s.data);
  const canEdit = appInfoStore.use((s) => s.data?.operator.permissions.manageSettings) ?? false;
  const [isAdding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<MoodleConnectionView | null>(null);
  const [testing, setTesting] = useState<number | null>(null);
  const [tested, setTested] = useState<Record<number, Tested>>({});
  useEffect(readMoodleConnections, []);

  const test = (id: number) => {
    setTesting(id);
    call('moodle.test', { id })
      .then(
        (result) => setTested((old) => ({ ...old, [id]: result })),
        (error: unknown) =>
          setTested((old) => ({
            ...old,
            [id]: { refused: callErrorText(error, language).join('\n') },
          })),
      )
      .finally(() => setTesting(null));
  };
  const added = (connection: MoodleConnectionView | null) => {
    setAdding(false);
    if (!connection) return;
    readMoodleConnections();
    // Tested straight away: a typo in the host or the password shows now, not mid-migration.
    test(connection.id);
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={900}>
        {t('migration.moodle.intro')}
      </Text>
      {!canEdit && <Alert color="yellow">{t('common.forbidden')}</Alert>}
      <Group justify="flex-end">
        <Button disabled={!canEdit} onClick={() => setAdding(true)}>
          {t('migration.moodle.add')}
        </Button>
      </Group>
      {connections?.length === 0 ? (
        <Alert color="blue" data-testid="migration-moodle-empty">
          {t('migration.moodle.empty')}
        </Alert>
      ) : (
        <Table verticalSpacing="xs" data-testid="migration-moodle">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('migration.moodle.column.name')}</Table.Th>
              <Table.Th>{t('migration.moodle.column.kind')}</Table.Th>
              <Table.Th>{t('migration.moodle.column.host')}</Table.Th>
              <Table.Th>{t('migration.moodle.column.database')}</Table.Th>
              <Table.Th>{t('migration.moodle.column.username')}</Table.Th>
              <Table.Th>{t('migration.moodle.column.prefix')}</Table.Th>
              <Table.Th>{t('migration.moodle.column.access')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(connections ?? []).map((c) => {
              const result = tested[c.id];
              return (
                <Fragment key={c.id}>
                  <Table.Tr>
                    <Table.Td fw={500}>{c.name}</Table.Td>
                    <Table.Td>{t(`migration.moodle.kind.${c.kind}`)}</Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      {c.host}:{c.port}
                    </Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      {c.kind === 'postgres'
                        ? `${c.databaseName} (${c.schemaName})`
                        : c.databaseName}
                    </Table.Td>
                    <Table.Td>
                      {c.username}
                      {!c.hasPassword && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {t('migration.moodle.noPassword')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      {c.tablePrefix}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={c.canWriteNotice ? 'orange' : 'gray'} tt="none">
                        {t(
                          c.canWriteNotice
                            ? 'migration.moodle.writes'
                            : 'migration.moodle.readOnly',
                        )}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconPlugConnected size={14} />}
                          loading={testing === c.id}
                          onClick={() => test(c.id)}
                          aria-label={`${t('migration.moodle.test')} ${c.name}`}
                        >
                          {t('migration.moodle.test')}
                        </Button>
                        <RowAction
                          label={t('common.delete')}
                          subject={c.name}
                          icon={IconTrash}
                          color="red"
                          isDisabled={!canEdit}
                          onClick={() => setRemoving(c)}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {result && (
                    <Table.Tr>
                      <Table.Td colSpan={8} data-testid={`migration-moodle-test-${c.name}`}>
                        <TestOutcome result={result} pick={pick} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        question={removing ? t('migration.moodle.removeQuestion', { name: removing.name }) : null}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing)
            void call('moodle.remove', { id: removing.id }).finally(readMoodleConnections);
          setRemoving(null);
        }}
      />
      <Modal
        opened={isAdding}
        onClose={() => setAdding(false)}
        title={t('migration.moodle.add')}
        size="lg"
      >
        {isAdding && <MoodleForm onDone={added} />}
      </Modal>
    </Stack>
  );
}

/** The server's version and the three tables, or why the login failed, in the operator's words. */
function TestOutcome(props: { result: Tested; pick: ReturnType<typeof useBilingual> }) {
  const t = useT();
  const { result } = props;
  if ('refused' in result) return <Alert color="red">{result.refused}</Alert>;
  return (
    <Stack gap={6}>
      {result.ok ? (
        <Text size="sm" c="green">
          {t('migration.moodle.test.ok', { version: result.serverVersion ?? '?' })}
        </Text>
      ) : (
        <Alert color="red" title={t('migration.moodle.test.failed')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {result.error ? props.pick(result.error) : ''}
          </Text>
        </Alert>
      )}
      {result.tables.length > 0 && (
        <Group gap="xs">
          {result.tables.map((table) => (
            <Badge
              key={table.name}
              variant="light"
              color={table.present ? 'green' : 'red'}
              tt="none"
            >
              {t(
                table.present ? 'migration.moodle.table.present' : 'migration.moodle.table.missing',
                {
                  name: table.name,
                },
              )}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
