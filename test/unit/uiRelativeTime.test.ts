import { describe, expect, it } from 'vitest';
import { formatRelative } from '../../src-renderer/i18n/format';

const now = new Date('2026-03-10T12:00:00Z');
const before = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('formatRelative', () => {
  it('says "now" under a minute rather than ticking seconds', () => {
    expect(formatRelative('fr', before(20), now)).toBe('maintenant');
    expect(formatRelative('en', before(20), now)).toBe('now');
  });
  it('takes the largest unit that fits, in each language', () => {
    expect(formatRelative('fr', before(3 * 60), now)).toBe('il y a 3 minutes');
    expect(formatRelative('en', before(3 * 60), now)).toBe('3 minutes ago');
    expect(formatRelative('fr', before(2 * 3600 + 600), now)).toBe('il y a 2 heures');
    expect(formatRelative('fr', before(86_400), now)).toBe('hier');
    expect(formatRelative('en', before(86_400), now)).toBe('yesterday');
  });
});
