import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { BbbServerView } from '../../../src-preload/contract';
import { useBilingual, useT } from '../../i18n/i18n';

/**
 * A server's state: a badge, and after a failed contact its error on one line (what failed), the
 * whole of it (what to check) in a tooltip.
 */
export function ServerState({ server }: { server: BbbServerView }) {
  const t = useT();
  const pick = useBilingual();
  const { isReachable } = server;
  const lastError = server.lastError ? pick(server.lastError) : null;
  const [headline = ''] = (lastError ?? '').split(/(?<=\.)\s/);
  return (
    <Stack gap={2}>
      <Badge
        variant="light"
        color={isReachable === null ? 'gray' : isReachable ? 'green' : 'red'}
        tt="none"
      >
        {t(
          isReachable === null
            ? 'bbb.server.untested'
            : isReachable
              ? 'bbb.server.reachable'
              : 'bbb.server.unreachable',
        )}
      </Badge>
      {lastError && (
        <Tooltip label={lastError} multiline w={380} withArrow>
          <Group gap={4} wrap="nowrap" maw={360} data-testid="bbb-server-error">
            <Text size="xs" c="red" lineClamp={1}>
              {headline}
            </Text>
            <IconInfoCircle
              size={14}
              aria-label={t('bbb.server.lastError')}
              style={{ flexShrink: 0 }}
            />
          </Group>
        </Tooltip>
      )}
    </Stack>
  );
}
