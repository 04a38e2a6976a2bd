import { Group, Image, Text } from '@mantine/core';
import { useT } from '../../i18n/i18n';
import { usePreviewFrames } from './usePreviewFrames';

/** The conversion's first pictures, side by side, refreshed while the presentation is drawn. */
export function PreviewFrames({ id, isDrawing }: { id: number; isDrawing: boolean }) {
  const t = useT();
  const frames = usePreviewFrames(id, isDrawing);
  if (frames === undefined)
    return (
      <Text size="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    );
  if (frames.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('bbb.preview.empty')}
      </Text>
    );
  return (
    <Group gap="sm" data-testid="bbb-preview-frames">
      {frames.map((src, i) => (
        <Image
          key={String(i)}
          src={src}
          w={240}
          fit="contain"
          radius="xs"
          alt={t('bbb.preview.alt', { n: i + 1 })}
          style={{ border: '1px solid var(--mantine-color-gray-3)' }}
        />
      ))}
    </Group>
  );
}
