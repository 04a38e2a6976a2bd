import { describe, expect, it } from 'vitest';
import { staleAfterSeconds } from '../../src-main/webinar/hls/health';
import {
  parseAttributes,
  parsePlaylist,
  parseResolution,
  PlaylistSyntaxError,
} from '../../src-main/webinar/hls/playlist';
import { formatAge, liveText, noStreamText } from '../../src-main/webinar/hls/wording';

// What nginx-rtmp 1.2.2 wrote for `hls_fragment 1s` (recipes/test-servers.md §3), verbatim.
const nginxMedia = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-TARGETDURATION:1
#EXT-X-DISCONTINUITY
#EXTINF:1.000,
t-0.ts
#EXTINF:1.000,
t-1.ts
#EXTINF:0.248,
t-2.ts
`;

const master = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-STREAM-INF:BANDWIDTH=812000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360
low/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720
https://cdn.example.org/high/index.m3u8
`;

describe('parsePlaylist', () => {
  it("reads nginx-rtmp's media playlist: target duration, segments in order, their sequence", () => {
    expect(parsePlaylist(nginxMedia)).toEqual({
      kind: 'media',
      targetDurationSeconds: 1,
      hasEnded: false,
      segments: [
        { uri: 't-0.ts', durationSeconds: 1, sequence: 0 },
        { uri: 't-1.ts', durationSeconds: 1, sequence: 1 },
        { uri: 't-2.ts', durationSeconds: 0.248, sequence: 2 },
      ],
    });
  });

  it('numbers segments from EXT-X-MEDIA-SEQUENCE and notices EXT-X-ENDLIST', () => {
    const text =
      '#EXTM3U\r\n#EXT-X-TARGETDURATION:6\r\n#EXT-X-MEDIA-SEQUENCE:41\r\n#EXTINF:6.0,title\r\nseg41.ts\r\n#EXTINF:5.5,\r\nseg42.ts\r\n#EXT-X-ENDLIST\r\n';
    const playlist = parsePlaylist(text);
    expect(playlist).toMatchObject({ kind: 'media', targetDurationSeconds: 6, hasEnded: true });
    expect(playlist.kind === 'media' && playlist.segments.map((s) => s.sequence)).toEqual([41, 42]);
  });

  it('reads a master playlist: variants in order with BANDWIDTH and RESOLUTION', () => {
    expect(parsePlaylist(master)).toEqual({
      kind: 'master',
      variants: [
        { uri: 'low/index.m3u8', bandwidth: 812000, width: 640, height: 360 },
        {
          uri: 'https://cdn.example.org/high/index.m3u8',
          bandwidth: 2500000,
          width: 1280,
          height: 720,
        },
      ],
    });
  });

  it('takes an empty body, or a header alone, as a playlist with no segments', () => {
    for (const body of ['', '\n', '#EXTM3U\n#EXT-X-VERSION:3\n']) {
      expect(parsePlaylist(body)).toMatchObject({ kind: 'media', segments: [] });
    }
  });

  it('refuses what is not a playlist: an HTML page, JSON, a bad EXTINF', () => {
    expect(() => parsePlaylist('<html><body>502 Bad Gateway</body></html>')).toThrow(
      PlaylistSyntaxError,
    );
    expect(() => parsePlaylist('{"error":"not found"}')).toThrow(/not #EXTM3U/);
    expect(() => parsePlaylist('#EXTM3U\n#EXTINF:abc,\nx.ts\n')).toThrow(/not a duration/);
  });

  it('accepts a byte-order mark before #EXTM3U', () => {
    expect(parsePlaylist(`\uFEFF${nginxMedia}`).kind).toBe('media');
  });
});

describe('attributes', () => {
  it('keeps commas inside quoted values', () => {
    const attributes = parseAttributes(
      'BANDWIDTH=800000,CODECS="avc1.42c01e,mp4a.40.2",RESOLUTION=640x360,FRAME-RATE=25.000',
    );
    expect(Object.fromEntries(attributes)).toEqual({
      BANDWIDTH: '800000',
      CODECS: 'avc1.42c01e,mp4a.40.2',
      RESOLUTION: '640x360',
      'FRAME-RATE': '25.000',
    });
  });

  it('reads WIDTHxHEIGHT, and nothing else', () => {
    expect(parseResolution('1920x1080')).toEqual({ width: 1920, height: 1080 });
    expect(parseResolution('wide')).toEqual({ width: null, height: null });
    expect(parseResolution(undefined)).toEqual({ width: null, height: null });
  });
});

describe('health wording', () => {
  it('calls a segment stale after 3 target durations, never under 6 s', () => {
    expect(staleAfterSeconds(1)).toBe(6);
    expect(staleAfterSeconds(2)).toBe(6);
    expect(staleAfterSeconds(6)).toBe(18);
  });

  it('says ages in seconds, minutes, hours', () => {
    expect(formatAge(0.4, 'en')).toBe('0 s');
    expect(formatAge(59.4, 'fr')).toBe('59 s');
    expect(formatAge(185, 'en')).toBe('3 min 5 s');
    expect(formatAge(7500, 'fr')).toBe('2 h 05 min');
  });

  it('writes the live line in each language with its own number format', () => {
    const text = liveText({
      targetDurationSeconds: 1,
      width: 640,
      height: 360,
      bitrateKbps: 1812,
      ageSeconds: 1.2,
    });
    expect(text.en).toBe('Live: 1.0 s segments, 640×360, 1,812 kb/s, last segment 1 s ago');
    // French groups thousands with a narrow no-break space and writes the decimal comma.
    expect(text.fr).toBe(
      'En direct : segments de 1,0 s, 640×360, 1\u202f812 kb/s, dernier segment il y a 1 s',
    );
  });

  it('leaves unknown figures out of the live line', () => {
    const text = liveText({
      targetDurationSeconds: 2,
      width: null,
      height: null,
      bitrateKbps: null,
      ageSeconds: 3,
    });
    expect(text.en).toBe('Live: 2.0 s segments, last segment 3 s ago');
  });

  it('names the URL and the status when there is no stream', () => {
    const text = noStreamText('https://live.univ.fr/hls/w.m3u8', 404);
    expect(text.en).toContain('https://live.univ.fr/hls/w.m3u8 (HTTP 404)');
    expect(text.fr).toContain('Aucun flux sur https://live.univ.fr/hls/w.m3u8');
  });
});
