import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useArea } from '../../app/useArea';
import { useBilingual, useT } from '../../i18n/i18n';
import { ChatBox } from './ChatBox';
import { ControlButtons } from './ControlButtons';
import { HealthCard } from './HealthCard';
import { LivePreview } from './LivePreview';
import { StateBadges } from './StateBadges';
import { WebinarFacts } from './WebinarFacts';
import { WebinarJournal } from './WebinarJournal';
import { useHlsHealth } from './useHlsHealth';
import { webinarsStore } from './webinarStores';

/**
 * One webinar's control room: the buttons, its states, the live as the audience sees it with the
 * HLS health beside it, the listeners' chat and the webinar's journal. Everything follows the
 * pushes (`webinars.changed`, `webinars.chatted`, `journal.appended`).
 */
export function WebinarControl({ id }: { id: number }) {
  const t = useT();
  const pick = useBilingual();
  const go = useArea((s) => s.go);
  const webinars = webinarsStore.use((s) => s.data);
  const w = webinars?.find((x) => x.id === id);
  const { health, error } = useHlsHealth(w?.gatewayId ?? null);
  const back = (
    <Anchor component="button" type="button" size="sm" onClick={() => go('webinars')}>
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('webinars.back')}
      </Group>
    </Anchor>
  );
  if (!webinars) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (!w)
    return (
      <Stack align="flex-start">
        {back}
        <Alert color="orange">{t('webinars.notFound', { id })}</Alert>
        <Button variant="default" onClick={() => go('webinars')}>
          {t('webinars.back')}
        </Button>
      </Stack>
    );
  const isStreaming = ['starting', 'live', 'stopping'].includes(w.status);
  const idle = t(w.status === 'scheduled' ? 'preview.notStarted' : 'preview.stopped');
  return (
    <Stack data-testid="webinar-control">
      {back}
      <Stack gap={4}>
        <Title order={2}>{w.name}</Title>
        <WebinarFacts webinar={w} />
      </Stack>
      <StateBadges webinar={w} />
      <ControlButtons webinar={w} />
      {w.lastError && (
        <Alert color="red" data-testid="webinar-error" style={{ whiteSpace: 'pre-line' }}>
          {pick(w.lastError)}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {w.hlsUrl ? (
            <LivePreview
              url={w.hlsUrl}
              isExpected={isStreaming}
              idle={idle}
              health={health?.state}
            />
          ) : (
            <Alert color="orange">{t('webinars.noGatewayPreview')}</Alert>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            {w.gatewayId !== null && <HealthCard health={health} error={error} />}
            <ChatBox webinar={w} />
          </Stack>
        </Grid.Col>
      </Grid>
      <WebinarJournal webinarId={w.id} />
    </Stack>
  );
}
