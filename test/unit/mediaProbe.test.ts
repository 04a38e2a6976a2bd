import { describe, it, expect } from 'vitest';
import {
  parseClockDuration,
  parseProbeOutput,
  parseRate,
  probeArgs,
  streamRotation,
} from '../../src-main/media/probe';

// Samples trimmed from real `ffprobe -v error -show_format -show_streams -of json` output
// (ffprobe 5.1, Debian 12); only the fields Régie reads, plus some it must ignore.
const h264 = {
  index: 0,
  codec_name: 'h264',
  codec_type: 'video',
  width: 1920,
  height: 1080,
  pix_fmt: 'yuv420p',
  r_frame_rate: '30000/1001',
  avg_frame_rate: '30000/1001',
  duration: '12.345000',
  nb_frames: '370',
  disposition: { default: 1, attached_pic: 0 },
  tags: { language: 'und', handler_name: 'VideoHandler' },
};
const aac = {
  index: 1,
  codec_name: 'aac',
  codec_type: 'audio',
  sample_rate: '48000',
  channels: 2,
  duration: '12.400000',
  disposition: { default: 1, attached_pic: 0 },
  tags: { language: 'fra' },
};
const mp4Format = {
  filename: 'file:/tmp/a.mp4',
  format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
  duration: '12.400000',
  size: '2345678',
  bit_rate: '1513340',
};

describe('parseProbeOutput', () => {
  it('reads an MP4 with video and audio', () => {
    expect(parseProbeOutput({ streams: [h264, aac], format: mp4Format })).toEqual({
      durationS: 12.4,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      sizeBytes: 2_345_678,
      bitRate: 1_513_340,
      video: {
        codec: 'h264',
        width: 1920,
        height: 1080,
        pixFmt: 'yuv420p',
        frameRate: 30000 / 1001,
        rotation: 0,
        isAttachedPic: false,
      },
      audioStreams: [{ codec: 'aac', channels: 2, sampleRate: 48000, language: 'fra' }],
      subtitleStreams: [],
      hasCoverArt: false,
    });
  });

  it('separates an MP3 cover picture from video (Pod §2.2: image codecs are not video)', () => {
    const cover = {
      index: 1,
      codec_name: 'mjpeg',
      codec_type: 'video',
      width: 500,
      height: 500,
      pix_fmt: 'yuvj420p',
      r_frame_rate: '90000/1',
      avg_frame_rate: '0/0',
      disposition: { default: 0, attached_pic: 1 },
      tags: { comment: 'Cover (front)' },
    };
    const info = parseProbeOutput({
      streams: [{ ...aac, index: 0, codec_name: 'mp3', channels: 1, sample_rate: '44100' }, cover],
      format: { format_name: 'mp3', duration: '1.044898', size: '8840', bit_rate: '67681' },
    });
    expect(info.video).toBeNull();
    expect(info.hasCoverArt).toBe(true);
    expect(info.audioStreams).toHaveLength(1);
  });

  it('treats a still PNG without the attached_pic flag as cover art, as Pod does', () => {
    const png = { codec_name: 'png', codec_type: 'video', width: 300, height: 300 };
    const info = parseProbeOutput({ streams: [aac, png], format: mp4Format });
    expect(info).toMatchObject({ video: null, hasCoverArt: true });
  });

  it('keeps an MJPEG movie as video, where Pod would have called it an image', () => {
    const mjpeg = { ...h264, codec_name: 'mjpeg', pix_fmt: 'yuvj422p', nb_frames: '250' };
    const info = parseProbeOutput({ streams: [mjpeg, aac], format: mp4Format });
    expect(info.video?.codec).toBe('mjpeg');
    expect(info.hasCoverArt).toBe(false);
  });

  it('takes the first real video stream even when cover art comes first', () => {
    const cover = { codec_name: 'png', codec_type: 'video', disposition: { attached_pic: 1 } };
    const second = { ...h264, codec_name: 'hevc', width: 640, height: 360 };
    const info = parseProbeOutput({ streams: [cover, h264, second], format: mp4Format });
    expect(info.video).toMatchObject({ codec: 'h264', width: 1920 });
    expect(info.hasCoverArt).toBe(true);
  });

  it('falls back to the longest stream, including Matroska DURATION tags', () => {
    const info = parseProbeOutput({
      streams: [
        { ...h264, duration: undefined, tags: { DURATION: '00:00:01.023000000' } },
        { ...aac, duration: undefined, tags: { DURATION: '00:01:02.500000000' } },
        { codec_type: 'subtitle', codec_name: 'subrip', tags: { language: 'fra' } },
      ],
      format: { format_name: 'matroska,webm', duration: 'N/A', size: '9000' },
    });
    expect(info.durationS).toBe(62.5);
    expect(info.subtitleStreams).toEqual([{ codec: 'subrip', language: 'fra' }]);
    expect(info.bitRate).toBeNull();
  });

  it('says 0 when nothing states a duration, and copes with missing fields', () => {
    const info = parseProbeOutput({
      streams: [{ codec_type: 'audio' }, { codec_type: 'data', codec_name: 'bin_data' }],
      format: { format_name: 'wav', size: '78' },
    });
    expect(info).toEqual({
      durationS: 0,
      formatName: 'wav',
      sizeBytes: 78,
      bitRate: null,
      video: null,
      audioStreams: [{ codec: 'unknown', channels: 0, sampleRate: null, language: null }],
      subtitleStreams: [],
      hasCoverArt: false,
    });
    expect(parseProbeOutput({})).toMatchObject({
      durationS: 0,
      formatName: 'unknown',
      video: null,
    });
    expect(parseProbeOutput(null).audioStreams).toEqual([]);
  });

  it('uses r_frame_rate when avg_frame_rate is unknown', () => {
    const info = parseProbeOutput({
      streams: [{ ...h264, avg_frame_rate: '0/0', r_frame_rate: '25/1' }],
      format: mp4Format,
    });
    expect(info.video?.frameRate).toBe(25);
  });
});

describe('streamRotation', () => {
  it('reads the display matrix as counter-clockwise and returns clockwise degrees', () => {
    // A phone held upright: ffprobe ≥ 5 shows rotation -90 where older ones showed rotate=90.
    const matrix = (rotation: number) => ({
      side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: '…', rotation }],
    });
    expect(streamRotation(matrix(-90))).toBe(90);
    expect(streamRotation(matrix(90))).toBe(270);
    expect(streamRotation(matrix(180))).toBe(180);
    expect(streamRotation(matrix(-180))).toBe(180);
    expect(streamRotation(matrix(0))).toBe(0);
  });

  it('prefers the legacy rotate tag, which is already clockwise', () => {
    expect(streamRotation({ tags: { rotate: '90' } })).toBe(90);
    expect(streamRotation({ tags: { rotate: '-90' } })).toBe(270);
    expect(streamRotation({ side_data_list: [{ side_data_type: 'Other', rotation: 90 }] })).toBe(0);
    expect(streamRotation({})).toBe(0);
  });
});

describe('small parsers', () => {
  it('parseRate', () => {
    expect(parseRate('10/1')).toBe(10);
    expect(parseRate('30000/1001')).toBeCloseTo(29.97, 2);
    expect(parseRate('0/0')).toBeNull();
    expect(parseRate('N/A')).toBeNull();
    expect(parseRate(undefined)).toBeNull();
  });

  it('parseClockDuration', () => {
    expect(parseClockDuration('01:02:03.500000000')).toBe(3723.5);
    expect(parseClockDuration('00:00:00')).toBe(0);
    expect(parseClockDuration('1.5')).toBeNull();
    expect(parseClockDuration(12)).toBeNull();
  });
});

describe('probeArgs', () => {
  it('passes the file as an absolute file: URL, so "-name" is never an option', () => {
    const args = probeArgs('-é à.mp4');
    expect(args.slice(0, -1)).toEqual([
      '-v',
      'error',
      '-show_format',
      '-show_streams',
      '-of',
      'json',
    ]);
    expect(args.at(-1)).toBe(`file:${process.cwd()}/-é à.mp4`);
    expect(probeArgs('/data/ftp/x:y.mp4').at(-1)).toBe('file:/data/ftp/x:y.mp4');
  });
});
