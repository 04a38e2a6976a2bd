import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import {
  MAX_SHORTFALL_S,
  formatStartTime,
  isCutTransportStream,
  judgeTail,
  logMessage,
  packetEnd,
  tailArgs,
  tailStart,
  type TailFacts,
} from '../../src-main/media/tailCheck';

const mp4: TailFacts = {
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  sizeBytes: 1_000_000,
  startTimeS: 0,
  durationS: 30,
};

describe('tailStart', () => {
  it('starts 3 s before the stated end, counted from the start time', () => {
    expect(tailStart({ startTimeS: 0, durationS: 30 })).toBe(27);
    // MPEG-TS from ffmpeg starts at 1.4 s; from a hardware encoder, often hours in.
    expect(tailStart({ startTimeS: 1.4, durationS: 30 })).toBeCloseTo(28.4);
    expect(tailStart({ startTimeS: 36_000, durationS: 3600 })).toBe(39_597);
  });

  it('reads the whole file when it is shorter than the window', () => {
    expect(tailStart({ startTimeS: 0, durationS: 0.5 })).toBeNull();
    expect(tailStart({ startTimeS: 0, durationS: 3 })).toBeNull();
    expect(tailStart({ startTimeS: -0.04, durationS: 2 })).toBeNull();
    expect(tailStart({ startTimeS: -5, durationS: 4 })).toBeNull();
  });
});

describe('tailArgs', () => {
  it('seeks with -read_intervals and prints only packet timestamps', () => {
    expect(tailArgs('/srv/drop/cours.mp4', 27)).toEqual([
      '-v',
      'error',
      '-read_intervals',
      '27.000%',
      '-show_entries',
      'packet=stream_index,pts_time,dts_time,duration_time',
      '-of',
      'compact=p=0',
      'file:/srv/drop/cours.mp4',
    ]);
  });

  it('reads everything without a start, and never takes a file name for an option', () => {
    const args = tailArgs('-i cours.mp4', null);
    expect(args).not.toContain('-read_intervals');
    expect(args.at(-1)).toBe(`file:${resolve('-i cours.mp4')}`);
  });
});

describe('packetEnd', () => {
  it('adds the duration to the presentation time', () => {
    expect(
      packetEnd('stream_index=0|pts_time=29.960000|dts_time=29.880000|duration_time=0.040000'),
    ).toBeCloseTo(30);
  });

  it('falls back to the decoding time, and to no duration', () => {
    expect(packetEnd('stream_index=1|pts_time=N/A|dts_time=12.5|duration_time=N/A')).toBe(12.5);
    expect(packetEnd('stream_index=1|pts_time=3|dts_time=N/A|duration_time=')).toBe(3);
  });

  it('ignores lines that are not packets or have no time', () => {
    expect(packetEnd('')).toBeNull();
    expect(packetEnd('side_data_type=MPEGTS Stream ID')).toBeNull();
    expect(packetEnd('stream_index=0|pts_time=N/A|dts_time=N/A|duration_time=0.04')).toBeNull();
    expect(packetEnd('stream_index=0|pts_time=abc|dts_time=N/A')).toBeNull();
  });

  it('accepts the entries in any order and ignores extra ones', () => {
    expect(packetEnd('duration_time=1|flags=K_|pts_time=2|stream_index=0|side_data|')).toBe(3);
  });
});

describe('logMessage', () => {
  it('drops the context and its address, which differ from run to run', () => {
    expect(logMessage('[h264 @ 0x562bcf3420c0] non-existing PPS 0 referenced')).toBe(
      'non-existing PPS 0 referenced',
    );
    expect(logMessage('[NULL @ 0x55b26315b4c0] non-existing PPS 0 referenced')).toBe(
      'non-existing PPS 0 referenced',
    );
    expect(logMessage('file:/tmp/a.mp4: End of file')).toBe('file:/tmp/a.mp4: End of file');
  });

  it('skips repetition notices and blank lines', () => {
    expect(logMessage('    Last message repeated 1 times')).toBeNull();
    expect(logMessage('    Last message repeated 3 times')).toBeNull();
    expect(logMessage('   ')).toBeNull();
  });
});

describe('formatStartTime', () => {
  it('reads format.start_time, as ffprobe prints it', () => {
    expect(formatStartTime({ format: { start_time: '1.400000' } })).toBe(1.4);
    expect(formatStartTime({ format: { start_time: '-0.021333' } })).toBe(-0.021333);
  });

  it('is 0 when unknown', () => {
    expect(formatStartTime({ format: { start_time: 'N/A' } })).toBe(0);
    expect(formatStartTime({ format: {} })).toBe(0);
    expect(formatStartTime({})).toBe(0);
    expect(formatStartTime(null)).toBe(0);
  });
});

describe('isCutTransportStream', () => {
  it('accepts whole 188-, 192- and 204-byte packets', () => {
    for (const size of [188 * 1000, 192 * 1001, 204 * 999]) {
      expect(isCutTransportStream({ formatName: 'mpegts', sizeBytes: size })).toBe(false);
    }
  });

  it('rejects a size that is no whole number of packets', () => {
    expect(isCutTransportStream({ formatName: 'mpegts', sizeBytes: 188 * 1000 + 94 })).toBe(true);
  });

  it('only looks at MPEG-TS', () => {
    expect(isCutTransportStream({ formatName: 'matroska,webm', sizeBytes: 1001 })).toBe(false);
  });
});

describe('judgeTail', () => {
  it('passes a file whose packets reach the stated end', () => {
    expect(judgeTail(mp4, { lastEndS: 30, newErrors: [] })).toBeNull();
    expect(judgeTail(mp4, { lastEndS: 30 - MAX_SHORTFALL_S, newErrors: [] })).toBeNull();
  });

  it('fails a file with no packet near its end', () => {
    expect(judgeTail(mp4, { lastEndS: null, newErrors: [] })).toEqual({
      kind: 'no_packets',
      expectedEndS: 30,
      errors: [],
    });
  });

  it('fails a file whose packets stop more than 2 s before the stated end', () => {
    expect(judgeTail(mp4, { lastEndS: 27.9, newErrors: ['File ended prematurely'] })).toEqual({
      kind: 'short',
      lastEndS: 27.9,
      expectedEndS: 30,
      errors: ['File ended prematurely'],
    });
  });

  it('counts from the start time', () => {
    const flv = { ...mp4, formatName: 'flv', startTimeS: 10 };
    expect(judgeTail(flv, { lastEndS: 39.5, newErrors: [] })).toBeNull();
    expect(judgeTail(flv, { lastEndS: 29.5, newErrors: [] })?.kind).toBe('short');
  });

  it('fails on errors the header read did not print', () => {
    expect(
      judgeTail(mp4, { lastEndS: 30, newErrors: ['stream 1, offset 0x12734c: partial file'] }),
    ).toEqual({ kind: 'errors', errors: ['stream 1, offset 0x12734c: partial file'] });
  });

  it('does not compare timestamps where the duration comes from them (MPEG-TS, MPEG-PS)', () => {
    const ts: TailFacts = { ...mp4, formatName: 'mpegts', sizeBytes: 188 * 5000 };
    expect(judgeTail(ts, { lastEndS: null, newErrors: [] })).toBeNull();
    expect(judgeTail(ts, { lastEndS: 10, newErrors: [] })).toBeNull();
    expect(judgeTail({ ...ts, formatName: 'mpeg' }, { lastEndS: 10, newErrors: [] })).toBeNull();
    expect(judgeTail(ts, { lastEndS: 30, newErrors: ['x'] })?.kind).toBe('errors');
    expect(
      judgeTail({ ...ts, sizeBytes: 188 * 5000 + 1 }, { lastEndS: 30, newErrors: [] }),
    ).toEqual({ kind: 'ts_not_whole_packets' });
  });
});
