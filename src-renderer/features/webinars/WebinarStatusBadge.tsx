import { Badge, Tooltip } from '@mantine/core';
import type { Bilingual, WebinarStatus } from '../../../src-preload/contract';
import { useBilingual, useT } from '../../i18n/i18n';

const colors: Record<WebinarStatus, string> = {
  scheduled: 'blue',
  starting: 'yellow',
  live: 'red',
  stopping: 'orange',
  liveStopped: 'gray',
  ended: 'dark',
};

/** The webinar's status ("En direct" in red, as a broadcast sign), its last error on hover. */
export function WebinarStatusBadge(props: { status: WebinarStatus; error?: Bilingual | null }) {
  const t = useT();
  const pick = useBilingual();
  const badge = (
    <Badge
      variant={props.status === 'live' ? 'filled' : 'light'}
      color={colors[props.status]}
      tt="none"
      data-testid="webinar-status"
      data-status={props.status}
    >
      {t(`webinars.status.${props.status}`)}
    </Badge>
  );
  return props.error ? (
    <Tooltip label={pick(props.error)} multiline maw={380} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
