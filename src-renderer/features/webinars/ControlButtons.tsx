import { Button, Group, Modal, Tooltip } from '@mantine/core';
import {
  IconCalendarTime,
  IconMessageCircle,
  IconMessageCircleOff,
  IconPlayerPlay,
  IconPlayerStop,
  IconPower,
  IconRefresh,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { WebinarView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useT } from '../../i18n/i18n';
import { SlotForm } from './SlotForm';
import { useAction } from './useAction';

type Act = 'start' | 'stopLive' | 'restartLive' | 'end' | 'toggleChat';

/**
 * The webinar's controls. Each button waits for its call (spinning, the others disabled); the
 * view follows the pushed change, not the answer. What a status does not allow is disabled with
 * the reason on hover; the main side checks again.
 */
export function ControlButtons({ webinar: w }: { webinar: WebinarView }) {
  const t = useT();
  const { busy, run } = useAction<Act>();
  const [isEnding, setEnding] = useState(false);
  const [isEditing, setEditing] = useState(false);
  const isStreaming = w.status === 'live' || w.status === 'starting';
  const act = (key: Act) => void run(key, () => call(`webinars.${key}`, { id: w.id }));
  const button = (options: {
    key: Act | 'edit';
    label: string;
    icon: ReactNode;
    allowed: boolean;
    reason: string;
    onClick: () => void;
    color?: string;
    variant?: string;
  }) => {
    const isDisabled = !options.allowed || (busy !== null && busy !== options.key);
    return (
      <Tooltip label={options.reason} disabled={options.allowed} multiline maw={300} withArrow>
        <Button
          leftSection={options.icon}
          color={options.color}
          variant={options.variant ?? 'default'}
          loading={busy === options.key}
          disabled={isDisabled}
          onClick={options.onClick}
          // A disabled button gets no hover: the tooltip saying why needs the events.
          style={!options.allowed ? { pointerEvents: 'auto' } : undefined}
        >
          {options.label}
        </Button>
      </Tooltip>
    );
  };
  const ended = t('webinars.why.ended');
  return (
    <Group gap="xs" data-testid="webinar-controls">
      {button({
        key: 'start',
        label: t('webinars.act.start'),
        icon: <IconPlayerPlay size={16} />,
        color: 'red',
        variant: 'filled',
        allowed: w.status === 'scheduled' && w.gatewayId !== null,
        reason: w.gatewayId === null ? t('webinars.why.noGateway') : t('webinars.why.started'),
        onClick: () => act('start'),
      })}
      {button({
        key: 'stopLive',
        label: t('webinars.act.stopLive'),
        icon: <IconPlayerStop size={16} />,
        allowed: isStreaming,
        reason: t('webinars.why.notLive'),
        onClick: () => act('stopLive'),
      })}
      {button({
        key: 'restartLive',
        label: t('webinars.act.restartLive'),
        icon: <IconRefresh size={16} />,
        allowed: w.status === 'live' || w.status === 'liveStopped',
        reason: t('webinars.why.notStarted'),
        onClick: () => act('restartLive'),
      })}
      {button({
        key: 'toggleChat',
        label: t(w.chatVisible === false ? 'webinars.act.showChat' : 'webinars.act.hideChat'),
        icon:
          w.chatVisible === false ? (
            <IconMessageCircle size={16} />
          ) : (
            <IconMessageCircleOff size={16} />
          ),
        allowed: w.status === 'live',
        reason: t('webinars.why.notLive'),
        onClick: () => act('toggleChat'),
      })}
      {button({
        key: 'edit',
        label: t('webinars.act.editSlot'),
        icon: <IconCalendarTime size={16} />,
        allowed: w.status !== 'ended',
        reason: ended,
        onClick: () => setEditing(true),
      })}
      {button({
        key: 'end',
        label: t('webinars.act.end'),
        icon: <IconPower size={16} />,
        color: 'red',
        variant: 'light',
        allowed: w.status !== 'ended',
        reason: ended,
        onClick: () => setEnding(true),
      })}
      <ConfirmModal
        question={isEnding ? t('webinars.endQuestion', { name: w.name }) : null}
        title={t('webinars.act.end')}
        confirmLabel={t('webinars.act.end')}
        onClose={() => setEnding(false)}
        onConfirm={() => {
          setEnding(false);
          act('end');
        }}
      />
      <Modal
        opened={isEditing}
        onClose={() => setEditing(false)}
        title={t('webinars.act.editSlot')}
        size="lg"
      >
        {isEditing && <SlotForm webinar={w} onDone={() => setEditing(false)} />}
      </Modal>
    </Group>
  );
}
