import { Box, Paper, Slider, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDuration } from '../../i18n/format';
import { useT } from '../../i18n/i18n';
import { cueAt, type OverviewCue } from './overviewVtt';

/**
 * The player's one seek bar: a labelled slider (arrow keys move it, its value is read as a time),
 * and while the pointer is over it, the time under the pointer with that moment's overview tile.
 */
export function SeekBar(props: {
  time: number;
  durationS: number;
  cues: readonly OverviewCue[];
  onSeek: (time: number) => void;
}) {
  const t = useT();
  const [hover, setHover] = useState<number | null>(null);
  const { durationS, cues } = props;
  const cue = hover === null ? undefined : cueAt(cues, hover);
  const left = `${String(((hover ?? 0) / durationS) * 100)}%`;
  return (
    <Box pos="relative" style={{ flex: 1 }} onMouseLeave={() => setHover(null)}>
      {hover !== null && (
        <Paper
          data-testid="seek-preview"
          withBorder
          shadow="sm"
          p={2}
          pos="absolute"
          bottom={20}
          style={{ left, transform: 'translateX(-50%)', pointerEvents: 'none', zIndex: 2 }}
        >
          <Stack gap={0} align="center">
            {cue && (
              <Box
                data-testid="overview-tile"
                style={{
                  width: cue.w,
                  height: cue.h,
                  backgroundImage: `url("${cue.image}")`,
                  backgroundPosition: `-${String(cue.x)}px -${String(cue.y)}px`,
                  borderRadius: 4,
                }}
              />
            )}
            <Text size="xs" ff="monospace" px={4}>
              {formatDuration(hover)}
            </Text>
          </Stack>
        </Paper>
      )}
      <Slider
        thumbLabel={t('library.player.seek')}
        aria-label={t('library.player.seek')}
        thumbProps={{
          'aria-valuetext': `${formatDuration(props.time)} / ${formatDuration(durationS)}`,
        }}
        min={0}
        max={durationS}
        step={0.1}
        value={Math.min(props.time, durationS)}
        // The hover bubble above says the time under the pointer; the value needs none.
        label={null}
        onChange={props.onSeek}
        onMouseMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setHover(Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)) * durationS);
        }}
      />
    </Box>
  );
}
