import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { BbbServerView, LiveGatewayView, WebinarView } from '../../../src-preload/contract';
import { useArea } from '../../app/useArea';
import { useT } from '../../i18n/i18n';

function Step(props: { testId: string; text: string; color?: string; action?: ReactNode }) {
  return (
    <Alert color={props.color ?? 'blue'} data-testid={props.testId}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{props.text}</Text>
        {props.action && <div style={{ flexShrink: 0 }}>{props.action}</div>}
      </Group>
    </Alert>
  );
}

/**
 * What to do first, one step at a time: a BBB server (the meeting runs there), a gateway that can
 * be allocated (complete and enabled), then the first webinar.
 */
export function FirstSteps(props: {
  servers: BbbServerView[] | undefined;
  gateways: LiveGatewayView[] | undefined;
  webinars: WebinarView[] | undefined;
  onAddGateway: () => void;
  onCreate: () => void;
}) {
  const t = useT();
  const go = useArea((s) => s.go);
  const { servers, gateways, webinars } = props;
  if (!servers || !gateways || !webinars) return null;
  if (servers.length === 0)
    return (
      <Step
        testId="webinars-no-server"
        text={t('webinars.first.noServer')}
        action={<Button onClick={() => go('bbb')}>{t('webinars.first.toBbb')}</Button>}
      />
    );
  if (gateways.length === 0)
    return (
      <Step
        testId="webinars-no-gateway"
        text={t('webinars.first.noGateway')}
        action={<Button onClick={props.onAddGateway}>{t('gateways.add')}</Button>}
      />
    );
  if (!gateways.some((g) => g.isEnabled && g.isComplete))
    return (
      <Step
        testId="webinars-no-usable-gateway"
        color="orange"
        text={t('webinars.first.noUsableGateway')}
        action={
          <Button variant="default" onClick={props.onAddGateway}>
            {t('webinars.tab.gateways')}
          </Button>
        }
      />
    );
  if (webinars.length === 0)
    return (
      <Step
        testId="webinars-none"
        text={t('webinars.first.none')}
        action={<Button onClick={props.onCreate}>{t('webinars.create')}</Button>}
      />
    );
  return null;
}
