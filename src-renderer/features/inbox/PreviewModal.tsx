import { Image, Modal, ScrollArea, Stack, Text, UnstyledButton, Group } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Preview, RecorderFile } from '../../../src-preload/contract';
import { call, CallError, mediaUrl } from '../../client/client';
import { formatDuration } from '../../components/format';
import { useBilingual, useT } from '../../i18n/i18n';

/** Plays the source in the app (the video inside a ZIP too), with its slides for audiovideocast. */
export function PreviewModal({
  file,
  onClose,
}: {
  file: RecorderFile | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={file !== null} onClose={onClose} title={file?.fileName} size="xl">
      {file && <PreviewBody key={file.id} file={file} />}
    </Modal>
  );
}

function PreviewBody({ file }: { file: RecorderFile }) {
  const t = useT();
  const pick = useBilingual();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const player = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    call('inbox.preview', { id: file.id }).then(setPreview, (e: unknown) =>
      setError(e instanceof CallError ? pick(e.wire.message) : String(e)),
    );
    // One request per file (the component is keyed by it); the language does not change the media.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (error) return <Text c="red">{error}</Text>;
  if (!preview) return <Text c="dimmed">{t('common.loading')}</Text>;
  return (
    <Stack>
      {preview.kind === 'video' ? (
        <video
          ref={player}
          src={mediaUrl(preview.url)}
          controls
          style={{ width: '100%', maxHeight: '60vh', background: '#000' }}
          data-testid="preview-player"
        />
      ) : (
        <audio
          src={mediaUrl(preview.url)}
          controls
          style={{ width: '100%' }}
          data-testid="preview-player"
        />
      )}
      {preview.slides.length > 0 && (
        <>
          <Text fw={600}>{t('inbox.slides')}</Text>
          <ScrollArea type="auto">
            <Group wrap="nowrap" gap="sm" pb="sm">
              {preview.slides.map((slide) => (
                <UnstyledButton
                  key={slide.index}
                  onClick={() => {
                    if (player.current) player.current.currentTime = slide.start;
                  }}
                >
                  <Stack gap={2} align="center">
                    {slide.url ? (
                      <Image src={mediaUrl(slide.url)} w={120} h={68} fit="contain" radius="sm" />
                    ) : (
                      <div style={{ width: 120, height: 68 }} />
                    )}
                    <Text size="xs" c="dimmed">
                      {formatDuration(slide.start)}
                    </Text>
                  </Stack>
                </UnstyledButton>
              ))}
            </Group>
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}
