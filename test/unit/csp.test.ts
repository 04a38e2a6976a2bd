import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src-main/ground/csp';
import { securityHeaders } from '../../src-main/host/pages';

describe('Content-Security-Policy (issue #9: written once)', () => {
  it('the web host serves the one policy', () => {
    expect(securityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy());
    expect(contentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; media-src 'self' blob:; connect-src 'self' http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  it("the Electron window's differs only by its media scheme", () => {
    const electron = contentSecurityPolicy({ mediaSchemes: ['regie-media:'] });
    expect(electron.replaceAll(' regie-media:', '')).toBe(contentSecurityPolicy());
    expect(electron).toContain("img-src 'self' data: blob: regie-media: https: http:");
    expect(electron).toContain("media-src 'self' blob: regie-media:");
  });
});
