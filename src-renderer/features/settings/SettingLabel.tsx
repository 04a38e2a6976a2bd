import { Badge, Group, Text } from '@mantine/core';
import type { SettingView } from '../../../src-preload/contract';
import { useT } from '../../i18n/i18n';

/** A setting's Pod name, and a "default" badge while it has its default value. */
export function SettingLabel({ setting }: { setting: SettingView }) {
  const t = useT();
  return (
    <Group gap={6}>
      <Text ff="monospace" fw={600} size="sm">
        {setting.key}
      </Text>
      {setting.isDefault && (
        <Badge size="xs" variant="outline" color="gray">
          {t('settings.default')}
        </Badge>
      )}
    </Group>
  );
}
