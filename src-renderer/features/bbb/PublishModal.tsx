import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BbbRecordingView } from '../../../src-preload/contract';
import { call } from '../../client/client';
import { useSubmit } from '../../client/useSubmit';
import { useT } from '../../i18n/i18n';
import { usersStore } from '../users/usersStore';
import { publishWay } from './publication';

/** Picks the owner among the meeting's moderators and starts the publication. */
export function PublishModal({ r, onClose }: { r: BbbRecordingView; onClose: () => void }) {
  const t = useT();
  const users = usersStore.use((s) => s.data) ?? [];
  const moderators = users.filter((u) => r.moderatorUserIds.includes(u.id));
  const [owner, setOwner] = useState<string | null>(moderators[0]?.username ?? null);
  const [error, setError] = useState<string | undefined>();
  const { run, isBusy } = useSubmit((errors) => setError(errors.owner ?? Object.values(errors)[0]));
  const isConversion = publishWay(r) === 'convert';
  return (
    <Stack>
      <Text size="sm">{t(isConversion ? 'bbb.publish.presentation' : 'bbb.publish.video')}</Text>
      <Select
        label={t('bbb.publish.owner')}
        description={t('bbb.publish.ownerHelp')}
        data={moderators.map((u) => ({
          value: u.username,
          label: `${u.firstName} ${u.lastName} (${u.username})`,
        }))}
        value={owner}
        onChange={setOwner}
        error={error}
        allowDeselect={false}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={isBusy}
          disabled={owner === null}
          onClick={() =>
            void run(
              () => call('bbbRecordings.publish', { id: r.id, owner: owner ?? '' }),
              () => {
                notifications.show({
                  color: 'green',
                  message: t('bbb.publish.done', { name: r.name }),
                });
                onClose();
              },
            )
          }
        >
          {t(isConversion ? 'bbb.publish.convertConfirm' : 'bbb.publish.action')}
        </Button>
      </Group>
    </Stack>
  );
}
