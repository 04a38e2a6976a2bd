import { describe, expect, it } from 'vitest';
import { apiBase, normaliseServerUrl } from '../../src-main/bbb/api/url';

// Every form an admin pastes (issue #9 §1): `bbb-conf --secret` prints `…/bigbluebutton/`,
// Moodle's plugin asks for it too, Scalelite's documentation gives `…/bigbluebutton/api`.
describe('a BBB server URL, normalised to its API base', () => {
  const api = 'https://bbb.univ.fr/bigbluebutton/api';
  it.each([
    'https://bbb.univ.fr',
    'https://bbb.univ.fr/',
    'https://bbb.univ.fr/bigbluebutton',
    'https://bbb.univ.fr/bigbluebutton/',
    'https://bbb.univ.fr/bigbluebutton/api',
    'https://bbb.univ.fr/bigbluebutton/api/',
    '  https://bbb.univ.fr/bigbluebutton/api//  ',
    'https://BBB.univ.fr/bigbluebutton/',
    // What Régie stored from the `/bigbluebutton/` form before it normalised.
    'https://bbb.univ.fr/bigbluebutton/bigbluebutton/api',
  ])('%s', (input) => {
    expect(normaliseServerUrl(input)).toEqual({ url: api });
  });

  it.each([
    ['https://scalelite.univ.fr', 'https://scalelite.univ.fr/bigbluebutton/api'],
    ['https://scalelite.univ.fr/bigbluebutton/', 'https://scalelite.univ.fr/bigbluebutton/api'],
    ['https://scalelite.univ.fr/bigbluebutton/api/', 'https://scalelite.univ.fr/bigbluebutton/api'],
    ['http://127.0.0.1:8090/', 'http://127.0.0.1:8090/bigbluebutton/api'],
    ['http://127.0.0.1:8090/bigbluebutton', 'http://127.0.0.1:8090/bigbluebutton/api'],
    ['https://h.fr/proxy/bbb1/', 'https://h.fr/proxy/bbb1/bigbluebutton/api'],
    ['https://h.fr/proxy/bbb1/bigbluebutton/api', 'https://h.fr/proxy/bbb1/bigbluebutton/api'],
  ])('%s → %s', (input, url) => {
    expect(normaliseServerUrl(input)).toEqual({ url });
  });

  it.each([
    ['bbb.univ.fr/bigbluebutton', 'not a URL'],
    ['ftp://bbb.univ.fr/', 'not http(s)'],
    ['https://bbb.univ.fr/bigbluebutton/api/getMeetings?checksum=ab12', 'has a query'],
    ['https://admin:pw@bbb.univ.fr/', 'has a user'],
  ])('refuses %s (%s)', (input, problem) => {
    expect(normaliseServerUrl(input)).toEqual({ problem });
  });

  it('gives the same base to the client for stored URLs', () => {
    expect(apiBase('https://bbb.univ.fr/bigbluebutton/')).toBe(api);
    expect(apiBase(api)).toBe(api);
  });
});
