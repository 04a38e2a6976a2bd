import { Box, Text } from '@mantine/core';
import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import type { HlsHealth } from '../../../src-preload/contract';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/i18n';

/**
 * `waiting`: no playlist yet (404 before the first segment); `ended`: it went away after playing;
 * `blocked`: Régie reads the stream but this browser may not (CORS); `failed`: anything else.
 */
type PreviewState = 'waiting' | 'playing' | 'ended' | 'blocked' | 'failed';

/** How often a missing stream is asked for again: nginx-rtmp writes a playlist a few seconds in. */
const retryMs = 3_000;

const messages: Record<Exclude<PreviewState, 'playing'>, MessageKey> = {
  waiting: 'preview.waiting',
  ended: 'preview.ended',
  blocked: 'preview.blocked',
  failed: 'preview.failed',
};

/**
 * The live's HLS as the audience gets it, muted, with hls.js (as the Library's player). A 404
 * before anything played means the gateway has not pushed yet: asked again every few seconds.
 * A 404 after playback started means the push stopped and the RTMP server removed the playlist:
 * "stream ended", still asked again, so a restarted live shows without a reload.
 * `isExpected` false (no live should run) shows `idle` instead and reads nothing.
 *
 * nginx adds `Access-Control-Allow-Origin` to its 200s only (add_header without `always`), so a
 * 404 from another host reaches hls.js as a network error without a status. The main side's
 * reading of the same URL (`health`, no CORS there) tells which it is: no stream (waiting or
 * ended), a stream this browser is not allowed to read (blocked), or a real failure.
 */
export function LivePreview(props: {
  url: string;
  isExpected: boolean;
  idle?: string;
  health?: HlsHealth['state'] | undefined;
}) {
  const t = useT();
  const element = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<PreviewState>('waiting');
  const [detail, setDetail] = useState('');
  const { url, isExpected } = props;
  // Read by the error handler when it fires, without restarting the player on every poll.
  const health = useRef(props.health);
  useEffect(() => {
    health.current = props.health;
  }, [props.health]);

  useEffect(() => {
    const media = element.current;
    if (!media || !isExpected) return;
    setState('waiting');
    let hls: Hls | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let hasPlayed = false;
    const onPlaying = () => {
      hasPlayed = true;
      setState('playing');
    };
    const onEnded = () => setState('ended');
    media.addEventListener('playing', onPlaying);
    media.addEventListener('ended', onEnded);
    const open = () => {
      hls = new Hls({ liveDurationInfinity: true });
      hls.on(Hls.Events.MANIFEST_PARSED, () => void media.play().catch(() => undefined));
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        const code = data.response?.code ?? 0;
        const seen = health.current;
        const isGone = code === 404 || (code === 0 && (seen === undefined || seen === 'noStream'));
        if (isGone) setState(hasPlayed ? 'ended' : 'waiting');
        else setState(code === 0 && (seen === 'live' || seen === 'stale') ? 'blocked' : 'failed');
        setDetail(code ? `${data.details} (HTTP ${String(code)})` : data.details);
        hls?.destroy();
        hls = undefined;
        timer = setTimeout(open, retryMs);
      });
      hls.loadSource(url);
      hls.attachMedia(media);
    };
    if (Hls.isSupported()) open();
    else media.src = url; // Safari plays HLS itself.
    return () => {
      clearTimeout(timer);
      hls?.destroy();
      media.removeEventListener('playing', onPlaying);
      media.removeEventListener('ended', onEnded);
      media.removeAttribute('src');
    };
  }, [url, isExpected]);

  const shown: PreviewState | 'idle' = isExpected ? state : 'idle';
  const overlay =
    shown === 'playing' ? null : shown === 'idle' ? (props.idle ?? '') : t(messages[shown]);
  return (
    <Box pos="relative" data-testid="live-preview" data-state={shown}>
      <video
        ref={element}
        muted
        autoPlay
        playsInline
        controls={shown === 'playing'}
        style={{ width: '100%', aspectRatio: '16 / 9', background: '#000', display: 'block' }}
      />
      {overlay !== null && (
        <Box
          pos="absolute"
          inset={0}
          p="md"
          style={{
            display: 'grid',
            placeItems: 'center',
            textAlign: 'center',
            pointerEvents: 'none',
          }}
        >
          <div>
            <Text c="gray.3" size="sm">
              {overlay}
            </Text>
            {(shown === 'failed' || shown === 'blocked') && detail && (
              <Text c="gray.5" size="xs" ff="monospace">
                {detail}
              </Text>
            )}
          </div>
        </Box>
      )}
    </Box>
  );
}
