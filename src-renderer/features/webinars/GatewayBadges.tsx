import { Anchor, Badge, Stack, Text } from '@mantine/core';
import type { LiveGatewayView } from '../../../src-preload/contract';
import { useArea } from '../../app/useArea';
import { useT } from '../../i18n/i18n';

/**
 * What an operator must see at a glance: off, incomplete (a Pod gateway waiting for its
 * SIPMediaGW), TLS not verified (a self-signed gateway, an explicit opt-out), and the webinar
 * whose live runs on it now.
 */
export function GatewayBadges({ gateway: g }: { gateway: LiveGatewayView }) {
  const t = useT();
  const go = useArea((s) => s.go);
  return (
    <Stack gap={4} align="flex-start" maw={220}>
      <Badge size="sm" variant="light" color={g.isEnabled ? 'green' : 'gray'} tt="none">
        {t(g.isEnabled ? 'gateways.enabled' : 'gateways.disabled')}
      </Badge>
      {!g.isComplete && (
        <Badge
          size="sm"
          variant="light"
          color="orange"
          tt="none"
          radius="sm"
          data-testid="gateway-incomplete"
          styles={{
            root: { height: 'auto', paddingBlock: 2 },
            label: { whiteSpace: 'normal', overflow: 'visible' },
          }}
        >
          {t('gateways.incomplete')}
        </Badge>
      )}
      {!g.tlsVerify && (
        <Badge
          size="sm"
          variant="filled"
          color="orange"
          tt="none"
          radius="sm"
          data-testid="gateway-tls-off"
          // The whole warning, on two lines if need be, never cut to "TLS non vérifié (certifi…".
          styles={{
            root: { height: 'auto', paddingBlock: 2 },
            label: { whiteSpace: 'normal', overflow: 'visible' },
          }}
        >
          {t('gateways.tlsOff')}
        </Badge>
      )}
      {g.busyWith && (
        <Text size="xs">
          {t('gateways.busyWith')}{' '}
          <Anchor
            component="button"
            type="button"
            size="xs"
            onClick={() => go('webinars', String(g.busyWith?.webinarId))}
          >
            {g.busyWith.name}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
