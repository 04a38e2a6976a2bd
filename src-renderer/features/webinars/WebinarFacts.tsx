import { Anchor, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { WebinarView } from '../../../src-preload/contract';
import { labelled } from '../../i18n/format';
import { useLanguage, useT } from '../../i18n/i18n';
import { slotText } from './slot';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const language = useLanguage((s) => s.language);
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {labelled(language, label, '')}
      </Text>
      {children}
    </Text>
  );
}

/** Slot, BBB server and meeting (its meetingID, Régie's or one chosen), gateway, owners, and the relay address the gateway opens. */
export function WebinarFacts({ webinar: w }: { webinar: WebinarView }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const owners = [w.owner, ...w.additionalOwners].filter(Boolean).join(', ');
  return (
    <Group gap="lg" data-testid="webinar-facts">
      <Fact label={t('webinars.field.slot')}>
        {slotText(language, w.startAt, w.endAt)} (
        {t('webinars.minutes', { count: w.durationMinutes })})
      </Fact>
      <Fact label={t('webinars.field.server')}>{w.serverName}</Fact>
      <Fact label={t('webinars.field.meetingId')}>
        <Text span size="sm" ff="monospace" data-testid="webinar-meeting-id">
          {w.meetingId}
        </Text>
      </Fact>
      <Fact label={t('webinars.field.gateway')}>{w.gatewayName ?? t('webinars.noGateway')}</Fact>
      {owners && <Fact label={t('webinars.field.owners')}>{owners}</Fact>}
      <Fact label={t('webinars.field.relay')}>
        {w.relayUrl ? (
          <Anchor href={w.relayUrl} target="_blank" rel="noreferrer" size="sm" ff="monospace">
            {w.relayUrl}
          </Anchor>
        ) : (
          t('webinars.relayUnset')
        )}
      </Fact>
    </Group>
  );
}
