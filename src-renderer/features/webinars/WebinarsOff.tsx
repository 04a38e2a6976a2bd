import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconBroadcastOff } from '@tabler/icons-react';
import { call } from '../../client/client';
import { useT } from '../../i18n/i18n';
import { appInfoStore } from '../users/usersStore';
import { useAction } from './useAction';

/**
 * USE_MEETING_WEBINAR is off (its default, as in Pod): nothing to do here until it is on. A
 * superuser turns it on from here; anyone else is told who can.
 */
export function WebinarsOff() {
  const t = useT();
  const canEdit = appInfoStore.use((s) => s.data?.operator.permissions.manageSettings) ?? false;
  const { busy, run } = useAction<'on'>();
  return (
    <Alert
      color="gray"
      icon={<IconBroadcastOff size={20} />}
      title={t('webinars.off.title')}
      data-testid="webinars-off"
    >
      <Stack gap="sm">
        <Text size="sm">{t('webinars.off.body')}</Text>
        {canEdit ? (
          <Group>
            <Button
              loading={busy === 'on'}
              onClick={() =>
                void run('on', () =>
                  call('settings.set', { key: 'USE_MEETING_WEBINAR', value: true }),
                )
              }
            >
              {t('webinars.off.turnOn')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('webinars.off.askSuperuser')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
