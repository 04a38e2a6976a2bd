/*
 * Wall-clock time on this machine (its TZ), as operators read it: a recorder's file title, a
 * webinar's slot. ISO instants stay the stored and exchanged form; these are for people.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-03-10 14:00`, local time. */
export const localDateTime = (at: Date): string =>
  `${String(at.getFullYear())}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;

/** `+01:00`: the local offset at that instant (summer and winter differ). */
export function localOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}
