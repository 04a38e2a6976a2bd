import { Button, Tooltip } from '@mantine/core';
import type { BbbRecordingView } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';
import { isUnderway, publishWay } from './publication';

/**
 * "Publier" for a recording with a video format, "Convertir et publier…" for a presentation
 * alone (drawn into a video first, issue #10 §8), disabled with the reason when it has neither.
 */
export function PublishButton({ r, onClick }: { r: BbbRecordingView; onClick: () => void }) {
  const t = useT();
  const way = publishWay(r);
  const label = t(way === 'convert' ? 'bbb.publish.convertAction' : 'bbb.publish.action');
  const help =
    way === 'none'
      ? t('bbb.publish.nothing')
      : way === 'convert'
        ? t('bbb.publish.convertHelp')
        : null;
  // On its way or done: the publication column says where it is, a dead button would only crowd.
  if (isUnderway(r.publication)) return null;
  const isOpen = r.publication === 'none' || r.publication === 'failed';
  const isDisabled = way === 'none' || !isOpen || r.moderatorUserIds.length === 0;
  return (
    <Tooltip label={help} disabled={help === null} multiline w={300} withinPortal>
      <Button
        size="xs"
        variant={way === 'convert' ? 'light' : 'filled'}
        disabled={isDisabled}
        onClick={onClick}
        aria-label={`${label} ${r.name}`}
        // A disabled button gets no hover: the tooltip needs the events.
        style={isDisabled ? { pointerEvents: 'auto' } : undefined}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
