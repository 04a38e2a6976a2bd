import { Badge, Group, Tooltip } from '@mantine/core';
import type { User } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';

/**
 * Where a user comes from: mirrored from Pod (Pod is the truth, edited there) or typed in Régie;
 * a Régie user the last complete Pod mirror did not see is marked, since Pod cannot own its videos.
 */
export function UserOrigin({ user }: { user: User }) {
  const t = useT();
  return (
    <Group gap={4} wrap="nowrap" data-testid="user-origin" data-origin={user.origin}>
      <Badge size="sm" variant="light" color={user.origin === 'pod' ? 'teal' : 'gray'} tt="none">
        {t(user.origin === 'pod' ? 'users.origin.pod' : 'users.origin.regie')}
      </Badge>
      {user.origin === 'regie' && user.inPod === false && (
        <Tooltip label={t('users.notInPod.help')} multiline w={300} withArrow>
          <Badge size="sm" variant="outline" color="orange" tt="none">
            {t('users.notInPod')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
