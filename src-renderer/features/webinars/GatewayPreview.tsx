import { Grid, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n/i18n';
import { HealthCard } from './HealthCard';
import { LivePreview } from './LivePreview';
import { useHlsHealth } from './useHlsHealth';

/**
 * A gateway's HLS side, from the gateways table: what the audience would see now and its health,
 * whether or not a webinar runs on it (a test push shows too).
 */
export function GatewayPreview({ gatewayId, hlsUrl }: { gatewayId: number; hlsUrl: string }) {
  const t = useT();
  const { health, error } = useHlsHealth(gatewayId);
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap={4}>
          <LivePreview url={hlsUrl} isExpected health={health?.state} />
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {hlsUrl}
          </Text>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap={4}>
          <HealthCard health={health} error={error} />
          <Text size="xs" c="dimmed">
            {t('health.every')}
          </Text>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
