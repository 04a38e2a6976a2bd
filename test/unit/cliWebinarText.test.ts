import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  duration,
  offsetOf,
  parseStart,
  plural,
  when,
} from '../../src-main/cli/commands/webinarText';

// A webinar's start is wall-clock time: pinned to Paris so summer and winter offsets both show.
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('regie webinar --start', () => {
  it('reads a time without an offset as local time, and one with an offset as that instant', () => {
    expect(parseStart('2026-03-10T14:00')).toBe('2026-03-10T13:00:00.000Z');
    expect(parseStart('2026-07-10 14:00')).toBe('2026-07-10T12:00:00.000Z');
    expect(parseStart('2026-03-10T14:00:30Z')).toBe('2026-03-10T14:00:30.000Z');
    expect(parseStart('2026-03-10T14:00+02:00')).toBe('2026-03-10T12:00:00.000Z');
    expect(parseStart('2026-03-10T14:00-0130')).toBe('2026-03-10T15:30:00.000Z');
  });

  it.each([
    'tomorrow',
    '2026-03-10',
    '10/03/2026 14:00',
    '2026-02-30T14:00',
    '2026-13-01T10:00',
    '2026-03-10T24:00',
    '2026-03-10T14:60',
  ])('refuses "%s", naming the option and an example', (text) => {
    expect(() => parseStart(text)).toThrow(
      `--start expects an ISO date and time such as 2026-03-10T14:00 (local time) or 2026-03-10T13:00Z, not "${text}"`,
    );
  });
});

describe('webinar text', () => {
  it('shows instants in local time with the offset of that day', () => {
    expect(when('2026-03-10T13:00:00.000Z')).toBe('2026-03-10 14:00');
    expect(offsetOf('2026-03-10T13:00:00.000Z')).toBe('+01:00');
    expect(offsetOf('2026-07-10T13:00:00.000Z')).toBe('+02:00');
  });

  it('says durations and counts as a person would', () => {
    expect([45, 60, 90, 125].map(duration)).toEqual(['45 min', '1 h', '1 h 30', '2 h 05']);
    expect([0, 1, 2].map((n) => plural(n, 'listener message'))).toEqual([
      '0 listener messages',
      '1 listener message',
      '2 listener messages',
    ]);
  });
});
