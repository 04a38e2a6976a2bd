import { Badge, Tooltip } from '@mantine/core';
import type { Bilingual, FileStatus, JobStatus, RecordingStatus } from '../../src-preload/contract';
import type { MessageKey } from '../i18n/en';
import { useBilingual, useT } from '../i18n/i18n';

type Status = FileStatus | RecordingStatus | JobStatus;

const colors: Record<Status, string> = {
  incomplete: 'gray',
  invalid: 'red',
  unknown: 'orange',
  unclaimed: 'grape',
  notified: 'blue',
  queued: 'cyan',
  encoding: 'indigo',
  published: 'green',
  deleted: 'dark',
  failed: 'red',
  running: 'indigo',
  succeeded: 'green',
  cancelled: 'gray',
  interrupted: 'orange',
};

/** A status, with the reason (why it is invalid, what the notify call said) on hover. */
export function StatusBadge({ status, reason }: { status: Status; reason?: Bilingual | null }) {
  const t = useT();
  const pick = useBilingual();
  const badge = (
    <Badge variant="light" color={colors[status]} tt="none">
      {t(`status.${status}` as MessageKey)}
    </Badge>
  );
  return reason ? (
    <Tooltip label={pick(reason)} multiline maw={360} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
