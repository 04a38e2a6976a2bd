import { Anchor, Badge, Button, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { call } from '../../client/client';
import { useMemo, useState } from 'react';
import type { ExternalRecordingView } from '../../../src-preload/contract';
import { useBilingual, useLanguage, useT } from '../../i18n/i18n';
import { useExternals } from './useExternals';
import { VirtualTable } from './VirtualTable';

const stateColor: Record<ExternalRecordingView['state'], string> = {
  none: 'gray',
  queued: 'cyan',
  converting: 'indigo',
  published: 'green',
  failed: 'red',
};

/** Pod's "Mes vidéos externes", in Régie: one per recording and owner, the playback's URL. */
export function ExternalsTab() {
  const t = useT();
  const pick = useBilingual();
  const language = useLanguage((s) => s.language);
  const { list: externals, reload } = useExternals();
  const publish = (e: ExternalRecordingView) => {
    void call('externalRecordings.publish', { ids: [e.id] }).then(
      () => {
        notifications.show({ message: t('migration.externals.publishQueued', { name: e.name }) });
        reload();
      },
      (error: unknown) =>
        notifications.show({
          color: 'red',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  };
  const [query, setQuery] = useState('');
  const time = useMemo(
    () => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }),
    [language],
  );
  const needle = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      (externals ?? []).filter(
        (e) =>
          needle === '' ||
          `${e.name} ${e.ownerUsername} ${e.recordId}`.toLowerCase().includes(needle),
      ),
    [externals, needle],
  );
  if (externals?.length === 0) return <Text c="dimmed">{t('migration.externals.empty')}</Text>;
  return (
    <Stack gap="xs">
      <TextInput
        w={360}
        placeholder={t('migration.externals.search')}
        aria-label={t('migration.externals.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
      />
      <Text size="sm" c="dimmed" data-testid="migration-externals-count">
        {t('migration.externals.count', { count: shown.length })}
      </Text>
      <VirtualTable
        label={t('migration.tab.externals')}
        columns="minmax(180px, 2fr) 140px minmax(110px, 1fr) minmax(200px, 2fr) 130px 110px"
        headers={[
          t('migration.externals.column.name'),
          t('migration.externals.column.date'),
          t('migration.externals.column.owner'),
          t('migration.externals.column.source'),
          t('migration.externals.column.state'),
          '',
        ]}
        count={shown.length}
        height="calc(100vh - 330px)"
        testId="migration-externals"
        row={(index) => {
          const e = shown[index];
          if (!e) return null;
          return [
            <Text size="sm" truncate title={`${e.name}\n${e.recordId}`} key="n">
              {e.name}
            </Text>,
            <Text size="sm" truncate key="d">
              {time.format(new Date(e.startAt))}
            </Text>,
            <Text size="sm" truncate key="o">
              {e.ownerUsername}
            </Text>,
            <Anchor
              size="sm"
              href={e.sourceUrl}
              target="_blank"
              rel="noreferrer"
              truncate
              display="block"
              title={t('migration.externals.open')}
              key="s"
            >
              {e.sourceUrl}
            </Anchor>,
            <Tooltip
              key="st"
              label={e.error ? pick(e.error) : ''}
              disabled={!e.error}
              multiline
              maw={360}
            >
              <Badge variant="light" color={stateColor[e.state]} tt="none">
                {t(`migration.externals.state.${e.state}`)}
              </Badge>
            </Tooltip>,
            e.state === 'none' || e.state === 'failed' ? (
              <Tooltip key="p" label={t('migration.externals.publishHelp')} multiline w={280}>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => publish(e)}
                  aria-label={`${t('migration.externals.publish')} ${e.name}`}
                >
                  {t('migration.externals.publish')}
                </Button>
              </Tooltip>
            ) : (
              <span key="p" />
            ),
          ];
        }}
      />
    </Stack>
  );
}
