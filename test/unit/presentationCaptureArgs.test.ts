import { describe, expect, it } from 'vitest';
import { chromiumArgs, hostResolverRules } from '../../src-main/presentation/capture/chromium';
import { stepScript, TIME_UPDATE_EVENT } from '../../src-main/presentation/capture/pageScripts';

describe('capture: Chromium flags', () => {
  it('resolves no host but the player and loopback (no Google update or account lookups)', () => {
    expect(hostResolverRules('bbb.example.org')).toBe(
      'MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE bbb.example.org',
    );
    expect(hostResolverRules('127.0.0.1')).toBe(
      'MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
    );
    expect(hostResolverRules('[2001:db8::1]')).toContain('EXCLUDE 2001:db8::1');
  });

  it('passes the rule as one argument, and --no-sandbox only as root', () => {
    const args = chromiumArgs({ playerHost: 'bbb.example.org', isRoot: false });
    expect(args).toContain(
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE bbb.example.org',
    );
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs({ playerHost: 'x', isRoot: true })).toContain('--no-sandbox');
    expect(args.some((a) => a.startsWith('--autoplay-policy'))).toBe(false);
  });
});

describe('capture: the step sent to the page', () => {
  it('dispatches bbbplaybacktimeupdate on document with detail.time, as bbb-playback listens', () => {
    expect(TIME_UPDATE_EVENT).toBe('bbbplaybacktimeupdate');
    const script = stepScript(12.5);
    expect(script).toContain(
      'document.dispatchEvent(new CustomEvent("bbbplaybacktimeupdate", { detail: { time: 12.5 } }))',
    );
    // Two animation frames after the update, two more once its slide images are decoded.
    expect(script.match(/requestAnimationFrame/g)).toHaveLength(4);
    expect(script).toContain("querySelectorAll('#presentation img')");
  });
});
