import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useFormat, useT } from '../../i18n/i18n';
import { statusColor } from './labels';
import { migrationRunsStore } from './migrationStores';
import { RunReport } from './RunReport';

/** Every run, newest first; one opens on its report (and can be resumed or retried there). */
export function RunsTab() {
  const t = useT();
  const format = useFormat();
  const runs = migrationRunsStore.use((s) => s.data);
  const [openId, setOpenId] = useState<number | null>(null);
  const open = runs?.find((r) => r.id === openId);
  if (open)
    return (
      <Stack>
        <Button
          variant="subtle"
          leftSection={<IconArrowLeft size={16} />}
          onClick={() => setOpenId(null)}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('migration.runs.back')}
        </Button>
        <RunReport run={open} />
      </Stack>
    );
  if (runs?.length === 0) return <Text c="dimmed">{t('migration.runs.empty')}</Text>;
  return (
    <Table highlightOnHover verticalSpacing="xs" data-testid="migration-runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('migration.runs.column.id')}</Table.Th>
          <Table.Th>{t('migration.runs.column.created')}</Table.Th>
          <Table.Th>{t('migration.runs.column.server')}</Table.Th>
          <Table.Th>{t('migration.runs.column.mode')}</Table.Th>
          <Table.Th>{t('migration.runs.column.status')}</Table.Th>
          <Table.Th>{t('migration.runs.column.lines')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(runs ?? []).map((run) => (
          <Table.Tr key={run.id}>
            <Table.Td>{run.id}</Table.Td>
            <Table.Td>{format.dateTime(run.createdAt)}</Table.Td>
            <Table.Td>{run.serverName}</Table.Td>
            <Table.Td>{t(`migration.mode.${run.mode}`)}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={statusColor[run.status]} tt="none">
                {t(`migration.status.${run.status}`)}
              </Badge>{' '}
              {run.isDry && (
                <Badge variant="outline" color="gray" tt="none">
                  {t('migration.report.dry')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{t('migration.plan.total', { count: run.total })}</Table.Td>
            <Table.Td>
              <Button size="xs" variant="default" onClick={() => setOpenId(run.id)}>
                {t('migration.runs.open')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
