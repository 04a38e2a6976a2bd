import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { WebinarView } from '../../../src-preload/contract';
import { useBilingual, useFormat, useT } from '../../i18n/i18n';
import { WebinarStatusBadge } from './WebinarStatusBadge';

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Group>
  );
}

/**
 * The webinar's status, what BBB last said of its meeting (an unreachable BBB is not "ended": it
 * never stops a live on its own, §8.5.6), and whether a watcher follows the meeting.
 */
export function StateBadges({ webinar: w }: { webinar: WebinarView }) {
  const t = useT();
  const pick = useBilingual();
  const format = useFormat();
  const bbb = w.bbb.error
    ? { color: 'red', key: 'webinars.bbb.unreachable' as const }
    : w.bbb.running === null
      ? { color: 'gray', key: 'webinars.bbb.unknown' as const }
      : w.bbb.running
        ? { color: 'green', key: 'webinars.bbb.running' as const }
        : { color: 'gray', key: 'webinars.bbb.notRunning' as const };
  const checked = w.bbb.checkedAt
    ? t('webinars.bbb.checkedAt', { at: format.dateTime(w.bbb.checkedAt, { withSeconds: true }) })
    : null;
  const bbbTip = [w.bbb.error ? pick(w.bbb.error) : null, checked].filter(Boolean).join('\n');
  return (
    <Group gap="lg" data-testid="webinar-state">
      <Labelled label={t('webinars.field.status')}>
        <WebinarStatusBadge status={w.status} error={w.lastError} />
      </Labelled>
      <Labelled label={t('webinars.bbb.label')}>
        <Tooltip label={bbbTip} disabled={bbbTip === ''} multiline maw={380} withArrow>
          <Badge
            variant="light"
            color={bbb.color}
            tt="none"
            data-testid="webinar-bbb"
            data-running={String(w.bbb.running)}
          >
            {t(bbb.key)}
          </Badge>
        </Tooltip>
      </Labelled>
      <Labelled label={t('webinars.watcher.label')}>
        <Badge
          variant="light"
          color={w.isWatched ? 'teal' : 'gray'}
          tt="none"
          data-testid="webinar-watcher"
        >
          {t(w.isWatched ? 'webinars.watcher.on' : 'webinars.watcher.off')}
        </Badge>
      </Labelled>
      {w.chatVisible !== null && (
        <Labelled label={t('webinars.chatPanel.label')}>
          <Badge variant="light" color={w.chatVisible ? 'blue' : 'gray'} tt="none">
            {t(w.chatVisible ? 'webinars.chatPanel.shown' : 'webinars.chatPanel.hidden')}
          </Badge>
        </Labelled>
      )}
    </Group>
  );
}
