import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PanelHeader(props: { title: string; intro: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={4}>
        <Title order={2}>{props.title}</Title>
        <Text c="dimmed" size="sm">
          {props.intro}
        </Text>
      </Stack>
      {props.actions && (
        // The intro wraps; the buttons keep their whole label.
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {props.actions}
        </Group>
      )}
    </Group>
  );
}
