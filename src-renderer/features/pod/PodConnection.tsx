import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlugConnected, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { PodStatusView } from '../../../src-preload/contract';
import { call, CallError } from '../../client/client';
import { useNow } from '../../components/useNow';
import { useBilingual, useT } from '../../i18n/i18n';
import { PodChecks } from './PodChecks';
import { PodMirrorSummary } from './PodMirrorSummary';
import { podStatusStore } from './podStore';

type Connection = 'unconfigured' | 'untested' | 'working' | 'failing';

/** A test of another address (POD_URL changed since) says nothing of this one. */
const connectionOf = (status: PodStatusView): Connection =>
  !status.configured
    ? 'unconfigured'
    : !status.lastTest || status.lastTest.url !== status.url
      ? 'untested'
      : status.lastTest.ok
        ? 'working'
        : 'failing';

const connectionColor: Record<Connection, string> = {
  unconfigured: 'gray',
  untested: 'blue',
  working: 'green',
  failing: 'red',
};

/**
 * Settings → Pod (issue #11 §6): is a Pod configured and does the connection work (with each
 * check of the last test), the last mirror and what it found; test and mirror on demand.
 */
export function PodConnection() {
  const t = useT();
  const pick = useBilingual();
  const now = useNow();
  useEffect(() => podStatusStore.start(), []);
  const status = podStatusStore.use((s) => s.data);
  const loadError = podStatusStore.use((s) => s.error);
  const [isTesting, setTesting] = useState(false);
  const [isMirrorAsked, setMirrorAsked] = useState(false);
  if (!status) return <Text c="dimmed">{loadError ?? t('common.loading')}</Text>;

  const report = (error: unknown) =>
    notifications.show({
      color: 'red',
      message: error instanceof CallError ? pick(error.wire.message) : String(error),
    });
  const test = () => {
    setTesting(true);
    call('pod.test', {})
      .catch(report)
      .finally(() => setTesting(false));
  };
  const mirror = () => {
    setMirrorAsked(true);
    call('pod.mirror', {})
      .then(
        (done) =>
          notifications.show({
            color: 'green',
            message: t('pod.mirror.done', { count: done.counts.users }),
          }),
        report,
      )
      .finally(() => setMirrorAsked(false));
  };
  const connection = connectionOf(status);
  const isMirroring = status.isMirroring || isMirrorAsked;
  return (
    <Paper withBorder p="md" mb="lg" data-testid="pod-connection">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={6}>
            <Group gap="xs">
              <Badge
                variant="light"
                color={connectionColor[connection]}
                tt="none"
                data-testid="pod-connection-state"
              >
                {t(`pod.connection.${connection}`)}
              </Badge>
              {status.configured && !status.tlsVerify && (
                <Tooltip label={t('pod.tlsOff.help')} multiline w={320} withArrow>
                  <Badge
                    variant="filled"
                    color="orange"
                    tt="none"
                    leftSection={<IconAlertTriangle size={12} />}
                  >
                    {t('pod.tlsOff')}
                  </Badge>
                </Tooltip>
              )}
              {status.url && (
                <Anchor href={status.url} target="_blank" rel="noreferrer" size="sm" ff="monospace">
                  {status.url}
                </Anchor>
              )}
            </Group>
            {status.configured && (
              <Text size="xs" c="dimmed">
                {t(`pod.publishMode.${status.publishMode}`)} ·{' '}
                {status.mirrorMinutes > 0
                  ? t('pod.mirrorEvery', { count: status.mirrorMinutes })
                  : t('pod.mirrorManual')}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={16} />}
              loading={isTesting}
              onClick={test}
            >
              {t('pod.test')}
            </Button>
            <Tooltip label={t('pod.mirror.needsConfig')} disabled={status.configured}>
              <Button
                leftSection={<IconRefresh size={16} />}
                loading={isMirroring}
                disabled={!status.configured || isMirroring}
                onClick={mirror}
                // A disabled button gets no hover: the tooltip needs the events.
                style={status.configured ? undefined : { pointerEvents: 'auto' }}
              >
                {t('pod.mirror.now')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
        {!status.configured && (
          <Alert color="blue" title={t('pod.unconfigured.title')}>
            {t('pod.unconfigured.body')}
          </Alert>
        )}
        {status.lastTest && <PodChecks report={status.lastTest} now={now} />}
        {status.lastMirror ? (
          <PodMirrorSummary report={status.lastMirror} now={now} />
        ) : (
          status.configured && (
            <Text size="sm" c="dimmed">
              {t('pod.mirror.never')}
            </Text>
          )
        )}
      </Stack>
    </Paper>
  );
}
