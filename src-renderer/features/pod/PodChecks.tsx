import { Badge, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { PodTestReport } from '../../../src-preload/contract';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';

/** The last connection test, one line per check: what works, and what to do where it does not. */
export function PodChecks({ report, now }: { report: PodTestReport; now: Date }) {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  return (
    <Stack gap={6} data-testid="pod-checks">
      <Group gap="xs">
        <Text fw={600} size="sm">
          {t('pod.test.last')}
        </Text>
        <Tooltip label={format.dateTime(report.at, { withSeconds: true })}>
          <Text size="sm" c="dimmed">
            {format.ago(report.at, now)}
          </Text>
        </Tooltip>
        <Badge variant="light" color={report.ok ? 'green' : 'red'} tt="none">
          {t(report.ok ? 'pod.test.ok' : 'pod.test.ko')}
        </Badge>
      </Group>
      {report.checks.map((check) => (
        <Group
          key={check.name}
          gap="xs"
          wrap="nowrap"
          align="flex-start"
          data-testid={`pod-check-${check.name}`}
          data-ok={check.ok}
        >
          <ThemeIcon
            size={20}
            radius="xl"
            variant="light"
            color={check.ok ? 'green' : 'red'}
            aria-label={t(check.ok ? 'pod.check.ok' : 'pod.check.ko')}
          >
            {check.ok ? <IconCheck size={14} /> : <IconX size={14} />}
          </ThemeIcon>
          <Text size="sm" fw={500} w={130} style={{ flexShrink: 0 }}>
            {t(`pod.check.${check.name}`)}
          </Text>
          <Text size="sm" c={check.ok ? undefined : 'red'}>
            {pick(check.text)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
