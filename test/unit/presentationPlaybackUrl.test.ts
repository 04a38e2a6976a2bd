import { describe, expect, it } from 'vitest';
import { RegieError } from '../../src-main/ground/errors';
import { parsePlaybackUrl } from '../../src-main/presentation/source';

const id = 'ce9b205d7895f4a843c28b580724894c1d63c5b2-1718870412345';

describe('parsePlaybackUrl (issue 10 §1, bbb.md §2)', () => {
  it.each([
    [`https://bbb.example.org/playback/presentation/2.3/${id}`, 'https://bbb.example.org'],
    [`https://bbb.example.org/playback/presentation/2.3/${id}/`, 'https://bbb.example.org'],
    [`https://bbb.example.org/playback/presentation/2.3/${id}?t=1m`, 'https://bbb.example.org'],
    [
      `https://bbb.example.org/playback/presentation/2.0/playback.html?meetingId=${id}`,
      'https://bbb.example.org',
    ],
    [
      `https://h:8443/playback/presentation/0.9.0/playback.html?foo=1&meetingId=${id}#x`,
      'https://h:8443',
    ],
    [
      `http://lb.example.org/bbb/rec/playback/presentation/2.3/${id}`,
      'http://lb.example.org/bbb/rec',
    ],
    [`  https://bbb.example.org/playback/presentation/2.3/${id}  `, 'https://bbb.example.org'],
  ])('%s', (url, origin) => {
    expect(parsePlaybackUrl(url)).toEqual({
      origin,
      host: new URL(origin).host,
      recordId: id,
      baseUrl: `${origin}/presentation/${id}/`,
    });
  });

  it.each([
    ['not a url', 'not a web address'],
    [`ftp://h/playback/presentation/2.3/${id}`, 'https://'],
    [`https://u:p@h/playback/presentation/2.3/${id}`, 'password'],
    [`https://h/presentation/${id}/`, 'not a presentation playback link'],
    [`https://h/playback/video/${id}/`, 'not a presentation playback link'],
    [`https://h/playback/presentation/2.3/${id.toUpperCase()}`, 'is not one'],
    [`https://h/playback/presentation/2.3/${id}x`, 'is not one'],
    ['https://h/playback/presentation/2.3/..', 'not a presentation playback link'],
    ['https://h/playback/presentation/2.3/%2e%2e', 'not a presentation playback link'],
    ['https://h/playback/presentation/2.0/playback.html', 'is not one'],
    [`https://h/playback/presentation/2.0/playback.html?meetingID=${id}`, 'is not one'],
    [`https://h/playback/presentation/2.3/${id}/extra`, 'not a presentation playback link'],
  ])('refuses %s, saying what was expected', (url, why) => {
    let caught: unknown;
    try {
      parsePlaybackUrl(url);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RegieError);
    const error = caught as RegieError;
    expect(error.code).toBe('validation');
    expect(error.text.en).toContain(why);
    expect(error.text.en).toContain('/playback/presentation/2.3/<record id>');
    expect(error.text.fr).toContain('/playback/presentation/2.3/');
  });
});
