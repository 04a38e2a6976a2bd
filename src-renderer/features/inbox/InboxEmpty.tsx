import { Button, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconPlus } from '@tabler/icons-react';
import { useT } from '../../i18n/i18n';

/**
 * Why the Inbox shows no row, and the way on: a first run has no recorder (files are only taken
 * from recorder folders), filters can hide every file, or nothing has been dropped yet.
 */
export function InboxEmpty(props: {
  hasRecorders: boolean;
  hiddenCount: number;
  onCreateRecorder: () => void;
  onShowAll: () => void;
}) {
  const t = useT();
  if (!props.hasRecorders)
    return (
      <Stack align="flex-start" p="md" gap="xs" data-testid="inbox-empty">
        <Text fw={500}>{t('inbox.empty.noRecorder')}</Text>
        <Text size="sm" c="dimmed">
          {t('inbox.empty.noRecorderWhy')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={props.onCreateRecorder}>
          {t('recorders.add')}
        </Button>
      </Stack>
    );
  if (props.hiddenCount > 0)
    return (
      <Stack align="flex-start" p="md" gap="xs" data-testid="inbox-empty">
        <Text fw={500}>{t('inbox.empty.filtered', { count: props.hiddenCount })}</Text>
        <Button
          variant="default"
          leftSection={<IconFilterOff size={16} />}
          onClick={props.onShowAll}
        >
          {t('inbox.empty.showAll')}
        </Button>
      </Stack>
    );
  return (
    <Stack p="md" gap="xs" data-testid="inbox-empty">
      <Text fw={500}>{t('inbox.empty.noFile')}</Text>
      <Text size="sm" c="dimmed">
        {t('inbox.empty.noFileWhy')}
      </Text>
    </Stack>
  );
}
