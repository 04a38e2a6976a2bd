import { Button, Code, CopyButton, Group, Stack, Title } from '@mantine/core';
import { useT } from '../../i18n/i18n';

/** A titled block of text (command lines, ffmpeg output) with a button that copies it. */
export function CopyableBlock(props: {
  title: string;
  text: string;
  testId?: string;
  maxHeight?: number;
}) {
  const t = useT();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={5}>{props.title}</Title>
        <CopyButton value={props.text}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t('encodings.copied') : t('encodings.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid={props.testId} mah={props.maxHeight} style={{ overflow: 'auto' }}>
        {props.text || '—'}
      </Code>
    </Stack>
  );
}
