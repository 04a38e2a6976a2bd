import { Alert, Button, Group, Text } from '@mantine/core';
import { useT } from '../../i18n/i18n';

/** What the meetings, recordings and matching tabs say before any server is added. */
export function NoServer({ onAdd }: { onAdd: () => void }) {
  const t = useT();
  return (
    <Alert color="blue" data-testid="bbb-no-server">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('bbb.noServer')}</Text>
        <Button onClick={onAdd} style={{ flexShrink: 0 }}>
          {t('bbb.server.add')}
        </Button>
      </Group>
    </Alert>
  );
}
