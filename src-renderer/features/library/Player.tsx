import { Box, Slider, Stack } from '@mantine/core';
import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import type { Video } from '../../../src-preload/contract';
import { mediaUrl } from '../../client/client';
import { formatDuration } from '../../components/format';
import { cueAt, parseOverviewVtt, type OverviewCue } from './overviewVtt';

const fileUrl = (video: Video, file: string) => mediaUrl(`/library/${String(video.id)}/${file}`);

/**
 * Plays a published video: hls.js on the master playlist (every rendition, adaptive), the MP4
 * where MSE is missing, with the overview sprite shown while hovering the seek bar.
 */
export function Player({ video }: { video: Video }) {
  const element = useRef<HTMLVideoElement>(null);
  const [cues, setCues] = useState<OverviewCue[]>([]);
  const [time, setTime] = useState(0);
  const [hover, setHover] = useState<number | null>(null);

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

  const cue = hover === null ? undefined : cueAt(cues, hover);
  return (
    <Stack gap={4}>
      <video
        ref={element}
        controls
        data-testid="library-player"
        poster={video.thumbnail ? fileUrl(video, video.thumbnail) : undefined}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        style={{ width: '100%', maxHeight: '60vh', background: '#000' }}
      />
      {video.durationS > 0 && (
        <Box pos="relative" onMouseLeave={() => setHover(null)}>
          {cue && (
            <Box
              data-testid="overview-tile"
              pos="absolute"
              bottom={28}
              style={{
                left: `calc(${String(((hover ?? 0) / video.durationS) * 100)}% - ${String(cue.w / 2)}px)`,
                width: cue.w,
                height: cue.h,
                backgroundImage: `url("${cue.image}")`,
                backgroundPosition: `-${String(cue.x)}px -${String(cue.y)}px`,
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 4,
                pointerEvents: 'none',
              }}
            />
          )}
          <Slider
            aria-label="seek"
            min={0}
            max={video.durationS}
            step={0.1}
            value={time}
            label={formatDuration}
            onChange={(value) => {
              if (element.current) element.current.currentTime = value;
            }}
            onMouseMove={(e) => {
              const box = e.currentTarget.getBoundingClientRect();
              setHover(
                Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)) * video.durationS,
              );
            }}
          />
        </Box>
      )}
    </Stack>
  );
}
