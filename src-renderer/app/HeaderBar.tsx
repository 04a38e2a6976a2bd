import {
  ActionIcon,
  Badge,
  Burger,
  Group,
  SegmentedControl,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { IconMoon, IconSun } from '@tabler/icons-react';
import { useConnection } from '../client/client';
import { appInfoStore } from '../features/users/usersStore';
import { useLanguage, useT, type Language } from '../i18n/i18n';

export function HeaderBar({
  isNavOpen,
  onToggleNav,
}: {
  isNavOpen: boolean;
  onToggleNav: () => void;
}) {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const info = appInfoStore.use((s) => s.data);
  const isConnected = useConnection((s) => s.isConnected);
  const operator = info?.operator;
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={isNavOpen} onClick={onToggleNav} hiddenFrom="sm" size="sm" />
        <Title order={3}>{t('app.title')}</Title>
        <Text c="dimmed" size="sm" visibleFrom="md">
          {t('app.subtitle')}
        </Text>
        {!isConnected && (
          // A sentence, not a label: in its own case and whole (Mantine's badge cuts and capitalises).
          <Badge
            color="red"
            variant="light"
            tt="none"
            maw="none"
            styles={{ label: { overflow: 'visible' } }}
          >
            {t('app.disconnected')}
          </Badge>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        {operator && (
          <Text size="sm" visibleFrom="sm" data-testid="operator">
            {t('header.operator')} <b>{operator.user ? operator.label : t('header.localAdmin')}</b>
          </Text>
        )}
        <SegmentedControl
          size="xs"
          aria-label={t('header.language')}
          value={language}
          onChange={(value) => setLanguage(value as Language)}
          data={[
            { value: 'fr', label: 'FR' },
            { value: 'en', label: 'EN' },
          ]}
        />
        <Tooltip label={t('header.theme')}>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('header.theme')}
            onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
          >
            {scheme === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
