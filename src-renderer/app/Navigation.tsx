import { NavLink, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/i18n';
import { areas, type Area } from './areas';
import { useArea } from './useArea';

const sections: {
  id: Area['section'];
  label: 'nav.section.daily' | 'nav.section.bbb' | 'nav.section.admin';
}[] = [
  { id: 'daily', label: 'nav.section.daily' },
  { id: 'bbb', label: 'nav.section.bbb' },
  { id: 'admin', label: 'nav.section.admin' },
];

export function Navigation() {
  const t = useT();
  const { area, go } = useArea();
  return (
    <Stack gap="md" component="nav" aria-label="Navigation">
      {sections.map((section) => (
        <Stack gap={2} key={section.id}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm">
            {t(section.label)}
          </Text>
          {areas
            .filter((a) => a.section === section.id)
            .map((a) => (
              <NavLink
                key={a.id}
                href={`#/${a.id}`}
                label={t(a.label)}
                leftSection={<a.icon size={18} stroke={1.6} />}
                active={area === a.id}
                c={a.soon ? 'dimmed' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go(a.id);
                }}
              />
            ))}
        </Stack>
      ))}
    </Stack>
  );
}
