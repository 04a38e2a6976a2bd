import { Badge, Tooltip } from '@mantine/core';
import type { PodPublication, PodState } from '../../../src-preload/contract';
import { useBilingual, useT } from '../../i18n/i18n';

const stateColor: Record<PodState, string> = {
  none: 'gray',
  queued: 'cyan',
  uploading: 'blue',
  encoding: 'indigo',
  encoded: 'green',
  failed: 'red',
  refused: 'orange',
};

/** Where a video stands in Pod; on hover Pod's encoding step, or why it failed or was refused. */
export function PodStateBadge({ pod }: { pod: PodPublication }) {
  const t = useT();
  const pick = useBilingual();
  const detail =
    pod.state === 'encoding'
      ? pod.step
      : (pod.state === 'failed' || pod.state === 'refused') && pod.error
        ? pick(pod.error)
        : null;
  const badge = (
    <Badge
      variant="light"
      color={stateColor[pod.state]}
      tt="none"
      style={{ flexShrink: 0 }}
      data-testid="pod-state"
      data-state={pod.state}
    >
      {t(`pod.state.${pod.state}`)}
      {pod.isDraft && pod.state !== 'none' ? ` · ${t('pod.draft')}` : ''}
    </Badge>
  );
  return detail ? (
    <Tooltip label={detail} multiline maw={360} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
