import {
  ActionIcon,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { WebinarView } from '../../../src-preload/contract';
import { useArea } from '../../app/useArea';
import { useLanguage, useT } from '../../i18n/i18n';
import { hoursText } from './slot';
import { addWeeks, byDay, isSameDay, weekDays, weekStart } from './week';
import { WebinarStatusBadge } from './WebinarStatusBadge';

/** "Lun. 7 déc.": the day's first letter only (CSS capitalize would give "Déc."). */
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A week, Monday first: each day's webinars in time order with their hours and gateway, so two
 * that share a gateway are seen side by side. A card opens the webinar's control view.
 */
export function WeekView({ webinars }: { webinars: WebinarView[] }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const go = useArea((s) => s.go);
  // Opens on the week of the next webinar to come, else this week.
  const [monday, setMonday] = useState(() => {
    const now = Date.now();
    const next = webinars.find((w) => Date.parse(w.endAt) > now);
    return weekStart(next ? new Date(next.startAt) : new Date());
  });
  const days = useMemo(() => weekDays(monday), [monday]);
  const columns = useMemo(() => byDay(webinars, days), [webinars, days]);
  const dayName = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const range = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const today = new Date();
  return (
    <Stack gap="sm" data-testid="webinars-week">
      <Group gap="xs">
        <ActionIcon
          variant="default"
          aria-label={t('webinars.week.previous')}
          onClick={() => setMonday(addWeeks(monday, -1))}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Button variant="default" size="xs" onClick={() => setMonday(weekStart(new Date()))}>
          {t('webinars.week.today')}
        </Button>
        <ActionIcon
          variant="default"
          aria-label={t('webinars.week.next')}
          onClick={() => setMonday(addWeeks(monday, 1))}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
        <Text fw={500} size="sm">
          {range.format(days[0])} – {range.format(days[6])}
        </Text>
      </Group>
      <SimpleGrid cols={7} spacing={6}>
        {days.map((day, i) => (
          <Paper
            key={day.toISOString()}
            withBorder
            p={6}
            mih={220}
            bg={isSameDay(day, today) ? 'var(--mantine-primary-color-light)' : undefined}
          >
            <Text size="xs" fw={600} mb={6}>
              {capitalized(dayName.format(day))}
            </Text>
            <Stack gap={6}>
              {(columns[i] ?? []).map((w) => (
                <UnstyledButton
                  key={w.id}
                  onClick={() => go('webinars', String(w.id))}
                  data-testid="week-webinar"
                >
                  <Paper withBorder p={6} radius="sm" shadow="xs">
                    <Text size="xs" ff="monospace" c="dimmed">
                      {hoursText(language, w.startAt, w.endAt)}
                    </Text>
                    <Text size="sm" fw={500} lineClamp={2}>
                      {w.name}
                    </Text>
                    <Text size="xs" c={w.gatewayName ? undefined : 'orange'} lineClamp={1}>
                      {w.gatewayName ?? t('webinars.noGateway')}
                    </Text>
                    <WebinarStatusBadge status={w.status} />
                  </Paper>
                </UnstyledButton>
              ))}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
