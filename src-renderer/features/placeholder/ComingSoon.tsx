import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconHourglassEmpty } from '@tabler/icons-react';
import type { Area } from '../../app/areas';
import { useT } from '../../i18n/i18n';

/** An area of the product that later issues build; it says so instead of looking broken. */
export function ComingSoon({ area }: { area: Area }) {
  const t = useT();
  return (
    <Stack maw={640}>
      <Title order={2}>{t(area.label)}</Title>
      <Alert icon={<IconHourglassEmpty />} title={t('soon.title')} color="gray" variant="light">
        <Text>{area.soon ? t(area.soon) : null}</Text>
        <Text c="dimmed" size="sm" mt="xs">
          {t('soon.body')}
        </Text>
      </Alert>
    </Stack>
  );
}
