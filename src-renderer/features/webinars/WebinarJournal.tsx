import { Badge, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { useSubjectJournal } from './useSubjectJournal';
import { levelColor } from '../journal/levelColor';

/** Everything done and answered for this webinar (`webinar:<id>`), newest first, live. */
export function WebinarJournal({ webinarId }: { webinarId: number }) {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  const entries = useSubjectJournal(`webinar:${String(webinarId)}`);
  return (
    <Paper withBorder p="sm" data-testid="webinar-journal">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('webinars.journal')}
        </Text>
        {entries === undefined ? (
          <Text size="xs" c="dimmed">
            {t('common.loading')}
          </Text>
        ) : entries.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('journal.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={320}>
            <Table verticalSpacing={4} fz="xs">
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }} w={150}>
                      {format.dateTime(e.at, { withSeconds: true })}
                    </Table.Td>
                    <Table.Td w={60}>
                      <Badge size="xs" variant="light" color={levelColor[e.level]}>
                        {e.level}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{pick(e.text)}</Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {e.kind} · {e.actor === 'system' ? 'Régie' : e.actor}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Stack>
    </Paper>
  );
}
