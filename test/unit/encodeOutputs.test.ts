import { describe, it, expect } from 'vitest';
import {
  avcCodecString,
  hlsPackageCommand,
  masterPlaylist,
  parseMediaPlaylist,
  playlistBandwidth,
} from '../../src-main/media/hls';
import {
  overviewCommand,
  overviewPlan,
  overviewVtt,
  thumbnailTimes,
  vttTimestamp,
} from '../../src-main/media/images';
import { infoVideoJson } from '../../src-main/media/infoVideo';
import { parseStreamList } from '../../src-main/media/streams';
import { subtitleFileNames, subtitleLanguage } from '../../src-main/media/subtitles';

// What ffmpeg 5.1 writes with -hls_flags single_file.
const playlist = `#EXTM3U
#EXT-X-VERSION:4
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXTINF:2.000000,
#EXT-X-BYTERANGE:250000@0
360p.ts
#EXTINF:1.500000,
#EXT-X-BYTERANGE:100000@250000
360p.ts
#EXT-X-ENDLIST
`;

describe('HLS', () => {
  it('repackages without re-encoding', () => {
    const args = hlsPackageCommand({
      mp4Path: '/o/360p.mp4',
      m3u8Path: '/o/360p.m3u8',
      tsPath: '/o/360p.ts',
    });
    expect(args.join(' ')).toBe(
      '-hide_banner -nostdin -y -i file:/o/360p.mp4 -map 0 -c copy -f hls -hls_playlist_type vod ' +
        '-hls_time 2 -hls_flags single_file -hls_segment_filename file:/o/360p.ts file:/o/360p.m3u8',
    );
  });

  it('reads segments and computes peak and average bandwidth', () => {
    const segments = parseMediaPlaylist(playlist);
    expect(segments).toEqual([
      { durationS: 2, bytes: 250000 },
      { durationS: 1.5, bytes: 100000 },
    ]);
    expect(playlistBandwidth(segments, 350000)).toEqual({ peak: 1_000_000, average: 800_000 });
  });

  it('has no division by zero for an empty playlist', () => {
    expect(playlistBandwidth([], 0)).toEqual({ peak: 0, average: 0 });
  });

  it('builds RFC 6381 codec strings', () => {
    expect(avcCodecString('High', 31)).toBe('avc1.64001f');
    expect(avcCodecString('Constrained Baseline', 22)).toBe('avc1.42c016');
    expect(avcCodecString(null, null)).toBe('avc1.640028');
  });

  it('writes a master with every variant, lowest first', () => {
    const text = masterPlaylist([
      {
        uri: '720p.m3u8',
        bandwidth: 3e6,
        averageBandwidth: 2e6,
        width: 1280,
        height: 720,
        codecs: 'avc1.64001f,mp4a.40.2',
      },
      {
        uri: '360p.m3u8',
        bandwidth: 1e6,
        averageBandwidth: 8e5,
        width: 640,
        height: 360,
        codecs: 'avc1.64001e',
        frameRate: 25,
      },
    ]);
    expect(text).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=1000000,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,FRAME-RATE=25.000,CODECS="avc1.64001e"\n360p.m3u8\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=3000000,AVERAGE-BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"\n720p.m3u8\n',
    );
  });
});

describe('images', () => {
  it('takes thumbnails at 0, d/3, 2d/3, and only the first frame at duration 0', () => {
    expect(thumbnailTimes(3)).toEqual([0, 1, 2]);
    expect(thumbnailTimes(0)).toEqual([0]);
    expect(thumbnailTimes(Number.NaN)).toEqual([0]);
  });

  it("plans Pod's sprite as a grid, only from 10 s", () => {
    expect(overviewPlan(9.9, 1920, 1080)).toBeNull();
    expect(overviewPlan(0, 1920, 1080)).toBeNull();
    expect(overviewPlan(12, 1920, 1080)).toEqual({
      count: 10,
      tileWidth: 160,
      tileHeight: 90,
      columns: 10,
      rows: 1,
    });
    expect(overviewPlan(3600, 1920, 1080)).toEqual({
      count: 100,
      tileWidth: 160,
      tileHeight: 90,
      columns: 10,
      rows: 10,
    });
  });

  it('writes the sprite filter and a VTT pointing into the grid', () => {
    const plan = overviewPlan(200, 1280, 720);
    if (!plan) throw new Error('expected a plan');
    expect(
      overviewCommand({ input: '/o/360p.mp4', plan, durationS: 200, output: '/o/overview.png' }),
    ).toContain('fps=fps=100/200,scale=160:90,tile=10x10');
    const vtt = overviewVtt(plan, 200);
    expect(
      vtt.startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\noverview.png#xywh=0,0,160,90\n'),
    ).toBe(true);
    expect(vtt).toContain('00:00:22.000 --> 00:00:24.000\noverview.png#xywh=160,90,160,90');
    expect(vtt).toContain('00:03:18.000 --> 00:03:20.000\noverview.png#xywh=1440,810,160,90');
  });

  it('formats VTT times', () => {
    expect(vttTimestamp(3725.5)).toBe('01:02:05.500');
  });
});

describe('subtitles', () => {
  it("takes two letters from the tag, else Pod's fr", () => {
    expect(subtitleLanguage('fra')).toBe('fr');
    expect(subtitleLanguage('eng')).toBe('en');
    expect(subtitleLanguage('ger')).toBe('de');
    expect(subtitleLanguage('und')).toBe('fr');
    expect(subtitleLanguage('')).toBe('fr');
    expect(subtitleLanguage(null)).toBe('fr');
  });
  it('keeps two tracks of one language apart', () => {
    expect(subtitleFileNames(['fr', 'en', 'fr'])).toEqual([
      'subtitle_fr.vtt',
      'subtitle_en.vtt',
      'subtitle_fr_2.vtt',
    ]);
  });
});

describe('streams and info_video.json', () => {
  const streams = parseStreamList({
    streams: [
      {
        index: 0,
        codec_type: 'video',
        codec_name: 'h264',
        width: 1920,
        height: 1080,
        profile: 'High',
        level: 40,
      },
      { index: 1, codec_type: 'audio', codec_name: 'aac', channels: 2, sample_rate: '48000' },
      { index: 2, codec_type: 'subtitle', codec_name: 'subrip', tags: { language: 'fre' } },
      {
        index: 3,
        codec_type: 'video',
        codec_name: 'mjpeg',
        width: 32,
        height: 32,
        disposition: { attached_pic: 1 },
      },
    ],
  });

  it('classifies streams as Pod does', () => {
    expect(streams.map((s) => [s.index, s.kind])).toEqual([
      [0, 'video'],
      [1, 'audio'],
      [2, 'subtitle'],
      [3, 'image'],
    ]);
  });

  it("uses Pod's keys", () => {
    const json = infoVideoJson({
      videoId: 42,
      source: '/m/v.mp4',
      outputDir: '/m/0042',
      durationS: 12.9,
      streams,
      mp4: [{ nominalHeight: 360, path: '/m/0042/360p.mp4' }],
      hls: [{ nominalHeight: 360, m3u8Path: '/m/0042/360p.m3u8' }],
      mp3Path: '/m/0042/audio_192k.mp3',
      m4aPath: null,
      thumbnails: [{ key: '3', path: '/m/0042/thumbnail_3.png' }],
      overview: { png: '/m/0042/overview.png', vtt: '/m/0042/overview.vtt' },
      subtitles: [{ streamIndex: 2, language: 'fr', path: '/m/0042/subtitle_fr.vtt' }],
      log: {},
      start: 's',
      stop: 'e',
    });
    expect(Object.keys(json).sort()).toEqual(
      [
        'id',
        'video_file',
        'duration',
        'list_video_track',
        'list_audio_track',
        'list_subtitle_track',
        'list_image_track',
        'list_mp4_files',
        'list_hls_files',
        'list_mp3_files',
        'list_m4a_files',
        'list_thumbnail_files',
        'list_overview_files',
        'list_subtitle_files',
        'encoding_log',
        'output_dir',
        'start',
        'stop',
        'error_encoding',
        'cutting_start',
        'cutting_stop',
        'json_dressing',
        'dressing_input',
      ].sort(),
    );
    expect(json.duration).toBe(12);
    expect(json.list_video_track).toEqual({ '0': { width: 1920, height: 1080 } });
    expect(json.list_audio_track).toEqual({ '1': { sample_rate: 48000, channels: 2 } });
    expect(json.list_subtitle_track).toEqual({ '2': { language: 'fre' } });
    expect(json.list_image_track).toEqual({ '3': { width: 32, height: 32 } });
    expect(json.list_subtitle_files).toEqual({ '2': ['fr', '/m/0042/subtitle_fr.vtt'] });
    expect(json.list_overview_files).toEqual({
      '0': '/m/0042/overview.png',
      '1': '/m/0042/overview.vtt',
    });
  });
});
