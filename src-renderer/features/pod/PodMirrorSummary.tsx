import { Alert, Badge, Group, List, Stack, Text, Tooltip } from '@mantine/core';
import type { PodCounts, PodMirrorReport } from '../../../src-preload/contract';
import type { MessageKey } from '../../i18n/en';
import { formatDuration, formatNumber } from '../../i18n/format';
import { useBilingual, useFormat, useLanguage, useT } from '../../i18n/i18n';

/** The order an admin reads them in: people first, then what recorders and lives need. */
const countOrder: (keyof PodCounts)[] = [
  'users',
  'types',
  'sites',
  'recorders',
  'buildings',
  'broadcasters',
  'liveGateways',
  'meetings',
];

/**
 * The last mirror: when, how long, what it found, what it could not (absent apps, warnings, the
 * error), and the Régie users Pod does not know.
 */
export function PodMirrorSummary({ report, now }: { report: PodMirrorReport; now: Date }) {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  const language = useLanguage((s) => s.language);
  const seconds = report.durationMs / 1000;
  const took =
    seconds < 60 ? `${formatNumber(language, seconds, 1)}\u00a0s` : formatDuration(seconds);
  const hidden = report.regieOnlyCount - report.regieOnly.length;
  return (
    <Stack gap="xs" data-testid="pod-mirror">
      <Group gap="xs">
        <Text fw={600} size="sm">
          {t('pod.mirror.last')}
        </Text>
        <Tooltip label={format.dateTime(report.at, { withSeconds: true })}>
          <Text size="sm" c="dimmed">
            {format.ago(report.at, now)}
          </Text>
        </Tooltip>
        <Text size="sm" c="dimmed">
          · {t('pod.mirror.took', { duration: took, count: report.requests })}
        </Text>
        <Badge variant="light" color={report.ok ? 'green' : 'red'} tt="none">
          {t(report.ok ? 'pod.mirror.ok' : 'pod.mirror.ko')}
        </Badge>
      </Group>
      {report.error && (
        <Alert color="red" title={t('pod.mirror.error')}>
          {pick(report.error)}
        </Alert>
      )}
      <Group gap={6} data-testid="pod-counts">
        {countOrder.map((key) => (
          <Badge key={key} variant="default" size="lg" tt="none" fw={500}>
            {t(`pod.count.${key}` as MessageKey, { count: report.counts[key] })}
          </Badge>
        ))}
      </Group>
      {report.ok && (
        <Text size="sm">
          {t('pod.mirror.merged', {
            added: report.usersAdded,
            updated: report.usersUpdated,
            adopted: report.usersAdopted,
          })}
        </Text>
      )}
      {report.absentApps.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('pod.mirror.absentApps', { apps: report.absentApps.join(', ') })}
        </Text>
      )}
      {report.warnings.length > 0 && (
        <Alert color="yellow" title={t('pod.mirror.warnings', { count: report.warnings.length })}>
          <List size="sm">
            {report.warnings.map((warning) => (
              <List.Item key={warning.en}>{pick(warning)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {report.regieOnlyCount > 0 ? (
        <Alert
          color="orange"
          variant="light"
          title={t('pod.regieOnly.title', { count: report.regieOnlyCount })}
          data-testid="pod-regie-only"
        >
          <Text size="sm">{t('pod.regieOnly.why')}</Text>
          <Text size="sm" ff="monospace" mt={4}>
            {report.regieOnly.join(', ')}
            {hidden > 0 && ` ${t('pod.regieOnly.more', { count: hidden })}`}
          </Text>
        </Alert>
      ) : (
        report.ok && (
          <Text size="sm" c="dimmed">
            {t('pod.regieOnly.none')}
          </Text>
        )
      )}
    </Stack>
  );
}
