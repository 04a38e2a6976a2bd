import { Anchor, Badge, Text, Tooltip } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import type { MigrationItemView } from '../../../src-preload/contract';
import { useBilingual, useLanguage, useT } from '../../i18n/i18n';
import { actionColor, stateColor } from './labels';

/** Columns of a plan's lines; a run's add the state (with the error on hover). */
export const planColumns =
  '48px 140px minmax(150px, 2fr) 180px minmax(100px, 1fr) minmax(140px, 1.6fr) minmax(160px, 2.4fr)';
export const runColumns = `${planColumns} 104px`;

/** One line of a plan or run as table cells, in the console's language. */
export function useItemCells(withState: boolean) {
  const t = useT();
  const pick = useBilingual();
  const language = useLanguage((s) => s.language);
  const time = useMemo(
    () => new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }),
    [language],
  );
  const headers = [
    t('migration.column.position'),
    t('migration.column.date'),
    t('migration.column.name'),
    t('migration.column.action'),
    t('migration.column.owners'),
    t('migration.column.target'),
    t('migration.column.reason'),
    ...(withState ? [t('migration.column.state')] : []),
  ];
  const cells = (item: MigrationItemView): ReactNode[] => {
    const owners = item.owners.join(', ');
    // A failed line shows why it failed where the plan said why it was planned.
    const reason = item.error ? pick(item.error) : pick(item.reason);
    const isUrl = item.target !== null && /^https?:\/\//.test(item.target);
    return [
      <Text size="sm" c="dimmed" key="p">
        {item.position}
      </Text>,
      <Text size="sm" truncate key="d">
        {time.format(item.startMs)}
      </Text>,
      <Text size="sm" truncate title={`${item.name}\n${item.recordId}`} key="n">
        {item.name}
      </Text>,
      <Badge variant="light" color={actionColor[item.action]} tt="none" key="a">
        {t(`migration.action.${item.action}`)}
      </Badge>,
      <Text size="sm" truncate title={owners} key="o">
        {owners || '—'}
      </Text>,
      item.target === null ? (
        <Text size="sm" c="dimmed" key="f">
          —
        </Text>
      ) : isUrl ? (
        <Anchor
          size="sm"
          href={item.target}
          target="_blank"
          rel="noreferrer"
          truncate
          display="block"
          title={item.target}
          key="f"
        >
          {item.target}
        </Anchor>
      ) : (
        <Text size="sm" ff="monospace" truncate title={item.target} key="f">
          {item.target}
        </Text>
      ),
      <Text size="sm" c={item.error ? 'red' : 'dimmed'} truncate title={reason} key="r">
        {reason}
      </Text>,
      ...(withState
        ? [
            <Tooltip
              key="s"
              label={item.error ? pick(item.error) : ''}
              disabled={!item.error}
              multiline
              maw={360}
              withArrow
            >
              <Badge variant="light" color={stateColor[item.state]} tt="none">
                {t(`migration.state.${item.state}`)}
              </Badge>
            </Tooltip>,
          ]
        : []),
    ];
  };
  return { headers, cells };
}
