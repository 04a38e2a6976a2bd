import { ActionIcon, Group, Stack, Text } from '@mantine/core';
import {
  IconMaximize,
  IconPlayerPauseFilled,
  IconPlayerPlayFilled,
  IconVolume,
  IconVolumeOff,
} from '@tabler/icons-react';
import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import type { Video } from '../../../src-preload/contract';
import { mediaUrl } from '../../client/client';
import { formatDuration } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { parseOverviewVtt, type OverviewCue } from './overviewVtt';
import { SeekBar } from './SeekBar';

export const fileUrl = (video: Video, file: string) =>
  mediaUrl(`/library/${String(video.id)}/${file}`);

/** play() rejects when a pause interrupts it: nothing to report, the state follows the events. */
const togglePlay = async (media: HTMLVideoElement | null) => {
  if (!media) return;
  if (media.paused) await media.play().catch(() => undefined);
  else media.pause();
};

/**
 * Plays a published video: hls.js on the master playlist (every rendition, adaptive), the MP4
 * where MSE is missing. Its own controls rather than the browser's, so that there is one seek bar,
 * whose hover shows the time under the pointer and the overview sprite's tile for it.
 */
export function Player({ video }: { video: Video }) {
  const element = useRef<HTMLVideoElement>(null);
  const [cues, setCues] = useState<OverviewCue[]>([]);
  const t = useT();
  const [time, setTime] = useState(0);
  const [isPlaying, setPlaying] = useState(false);
  const [isMuted, setMuted] = useState(false);

  useEffect(() => {
    const media = element.current;
    if (!media) return;
    const mp4 =
      video.renditions.find((r) => r.kind === 'mp4') ??
      video.renditions.find((r) => r.kind === 'mp3' || r.kind === 'm4a');
    if (video.master && Hls.isSupported()) {
      const hls = new Hls();
      hls.loadSource(fileUrl(video, video.master));
      hls.attachMedia(media);
      return () => hls.destroy();
    }
    if (video.master && media.canPlayType('application/vnd.apple.mpegurl'))
      media.src = fileUrl(video, video.master);
    else if (mp4) media.src = fileUrl(video, mp4.file);
    return undefined;
  }, [video]);

  useEffect(() => {
    if (!video.overviewVtt) return;
    const url = new URL(fileUrl(video, video.overviewVtt), location.href).href;
    let isCurrent = true;
    void fetch(url)
      .then((response) => response.text())
      .then((text) => {
        if (isCurrent) setCues(parseOverviewVtt(text, url));
      });
    return () => {
      isCurrent = false;
    };
  }, [video]);

  const media = () => element.current;
  return (
    <Stack gap={4}>
      <video
        ref={element}
        data-testid="library-player"
        poster={video.thumbnail ? fileUrl(video, video.thumbnail) : undefined}
        onClick={() => void togglePlay(media())}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onVolumeChange={(e) => setMuted(e.currentTarget.muted)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        style={{ width: '100%', maxHeight: '60vh', background: '#000', cursor: 'pointer' }}
      />
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          aria-label={t(isPlaying ? 'library.player.pause' : 'library.player.play')}
          onClick={() => void togglePlay(media())}
        >
          {isPlaying ? <IconPlayerPauseFilled size={18} /> : <IconPlayerPlayFilled size={18} />}
        </ActionIcon>
        <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDuration(time)} / {formatDuration(video.durationS)}
        </Text>
        {video.durationS > 0 && (
          <SeekBar
            time={time}
            durationS={video.durationS}
            cues={cues}
            onSeek={(value) => {
              const m = media();
              if (m) m.currentTime = value;
              setTime(value);
            }}
          />
        )}
        <ActionIcon
          variant="subtle"
          aria-label={t(isMuted ? 'library.player.unmute' : 'library.player.mute')}
          onClick={() => {
            const m = media();
            if (m) m.muted = !m.muted;
          }}
        >
          {isMuted ? <IconVolumeOff size={18} /> : <IconVolume size={18} />}
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          aria-label={t('library.player.fullscreen')}
          onClick={() => void media()?.requestFullscreen()}
        >
          <IconMaximize size={18} />
        </ActionIcon>
      </Group>
    </Stack>
  );
}
