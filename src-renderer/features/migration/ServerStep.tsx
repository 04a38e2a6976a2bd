import { Alert, Button, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useArea } from '../../app/useArea';
import { call, CallError } from '../../client/client';
import { useFormat, useLanguage, useT } from '../../i18n/i18n';
import { bbbServersStore } from '../bbb/bbbStores';
import { readSnapshot, useSnapshot } from './useSnapshot';
import { choose, useWizard } from './wizardStore';

/** Step 1: the old server, its stored list of recordings and a way to read it again. */
export function ServerStep() {
  const t = useT();
  const format = useFormat();
  const language = useLanguage((s) => s.language);
  const go = useArea((s) => s.go);
  const servers = bbbServersStore.use((s) => s.data);
  const serverId = useWizard((s) => s.serverId);
  const refreshed = useWizard((s) => (s.serverId === null ? undefined : s.refreshed[s.serverId]));
  const snapshot = useSnapshot(serverId);
  const [isRefreshing, setRefreshing] = useState(false);
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'long' });

  if (servers?.length === 0)
    return (
      <Alert color="blue" data-testid="migration-no-server">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('migration.noServer')}</Text>
          <Button onClick={() => go('bbb')} style={{ flexShrink: 0 }}>
            {t('migration.noServer.go')}
          </Button>
        </Group>
      </Alert>
    );

  const server = servers?.find((s) => s.id === serverId);
  const refresh = () => {
    if (!server) return;
    setRefreshing(true);
    call('bbbRecordings.mirror', { serverId: server.id })
      .then((reports) => {
        const report = reports[0];
        if (report)
          useWizard.setState((s) => ({
            refreshed: {
              ...s.refreshed,
              [server.id]: { at: new Date().toISOString(), report },
            },
          }));
        readSnapshot(server.id);
      })
      .catch((error: unknown) =>
        notifications.show({
          color: 'red',
          message: t('migration.snapshot.refresh.failed', {
            server: server.name,
            error: error instanceof CallError ? error.wire.message[language] : String(error),
          }),
        }),
      )
      .finally(() => setRefreshing(false));
  };

  return (
    <Stack maw={720}>
      <Select
        label={t('migration.server')}
        placeholder={t('migration.server.pick')}
        data={(servers ?? []).map((s) => ({
          value: String(s.id),
          label: s.version ? `${s.name} (${s.version})` : s.name,
        }))}
        value={serverId === null ? null : String(serverId)}
        onChange={(value) => choose({ serverId: value === null ? null : Number(value) })}
        allowDeselect={false}
        data-testid="migration-server"
      />
      {server && (
        <Stack gap="xs" data-testid="migration-snapshot">
          {snapshot === 'reading' || snapshot === undefined ? (
            <Group gap="xs">
              <Loader size="xs" />
              <Text size="sm" c="dimmed">
                {t('migration.snapshot.reading')}
              </Text>
            </Group>
          ) : snapshot === 'failed' || snapshot.count === 0 ? (
            <Alert color="orange">{t('migration.snapshot.empty')}</Alert>
          ) : (
            <>
              <Text size="sm" data-testid="migration-snapshot-count">
                {t('migration.snapshot.count', {
                  count: snapshot.count,
                  from: day.format(snapshot.oldestMs ?? 0),
                  to: day.format(snapshot.newestMs ?? 0),
                })}
              </Text>
              {snapshot.refreshedAt !== null && (
                <Text size="sm" c="dimmed">
                  {t('migration.snapshot.readAt', { at: format.dateTime(snapshot.refreshedAt) })}
                </Text>
              )}
            </>
          )}
          {refreshed && (
            <Text size="sm" c="dimmed">
              {t('migration.snapshot.refreshed', {
                at: format.dateTime(refreshed.at),
                count: refreshed.report.listed,
                requests: refreshed.report.requests,
                mode: t(`migration.snapshot.mode.${refreshed.report.mode}`),
                seconds: (refreshed.report.ms / 1000).toLocaleString(language, {
                  maximumFractionDigits: 1,
                }),
              })}
            </Text>
          )}
          <Group>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={isRefreshing}
              onClick={refresh}
            >
              {t('migration.snapshot.refresh')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('migration.snapshot.refresh.help')}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
