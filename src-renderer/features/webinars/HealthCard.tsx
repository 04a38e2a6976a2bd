import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Bilingual, HlsHealth } from '../../../src-preload/contract';
import { formatNumber } from '../../i18n/format';
import { useBilingual, useLanguage, useT } from '../../i18n/i18n';

const colors: Record<HlsHealth['state'], string> = {
  live: 'green',
  stale: 'orange',
  noStream: 'gray',
  error: 'red',
};

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Stack>
  );
}

/** The HLS side's health (useHlsHealth): a segment's age, bitrate and picture, or "no stream". */
export function HealthCard({
  health,
  error,
}: {
  health: HlsHealth | null;
  error: Bilingual | null;
}) {
  const t = useT();
  const pick = useBilingual();
  const language = useLanguage((s) => s.language);
  const number = (value: number) => formatNumber(language, value);
  return (
    <Paper withBorder p="sm" data-testid="hls-health" data-state={health?.state ?? 'unknown'}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('health.title')}
          </Text>
          {health && (
            <Badge color={colors[health.state]} variant="light" tt="none">
              {t(`health.state.${health.state}`)}
            </Badge>
          )}
        </Group>
        {!health && !error && (
          <Text size="xs" c="dimmed">
            {t('common.loading')}
          </Text>
        )}
        {health && health.state !== 'noStream' && (
          <SimpleGrid cols={2} spacing="xs">
            <Figure
              label={t('health.age')}
              value={
                health.lastSegmentAgeSeconds === null
                  ? '—'
                  : t('health.seconds', { count: Math.round(health.lastSegmentAgeSeconds) })
              }
            />
            <Figure
              label={t('health.bitrate')}
              value={health.bitrateKbps === null ? '—' : `${number(health.bitrateKbps)} kbit/s`}
            />
            <Figure
              label={t('health.resolution')}
              value={
                health.width && health.height
                  ? `${String(health.width)}×${String(health.height)}`
                  : '—'
              }
            />
            <Figure label={t('health.segments')} value={number(health.segmentCount)} />
          </SimpleGrid>
        )}
        {health && (
          <Text size="xs" c="dimmed">
            {pick(health.text)}
          </Text>
        )}
        {error && (
          <Text size="xs" c="red">
            {pick(error)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
