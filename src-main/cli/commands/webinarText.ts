import type { WebinarStatus, WebinarView } from '../../../src-preload/contract';
import { localDateTime, localOffset } from '../../ground/localTime';
import { UsageError } from '../io';

/*
 * How the webinar and gateway commands say times and states. A webinar's start is an
 * appointment people keep by their wall clock, so it is read and shown in the machine's local
 * time (TZ), with its offset where it could be ambiguous; JSON keeps the ISO instant.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-03-10 14:00`, local time. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : localDateTime(d);
}

/** `+01:00`: the local offset at that instant (summer and winter differ). */
export const offsetOf = (iso: string): string => localOffset(new Date(iso));

/** `45 min`, `1 h`, `1 h 30`. */
export function duration(minutes: number): string {
  if (minutes < 60) return `${String(minutes)} min`;
  const rest = minutes % 60;
  return `${String(Math.floor(minutes / 60))} h${rest === 0 ? '' : ` ${two(rest)}`}`;
}

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${String(count)} ${count === 1 ? one : many}`;

const statusWords: Record<WebinarStatus, string> = {
  scheduled: 'scheduled',
  starting: 'starting',
  live: 'LIVE',
  stopping: 'stopping',
  liveStopped: 'live stopped',
  ended: 'ended',
};
export const statusShown = (w: WebinarView) => statusWords[w.status];

export function bbbShown(w: WebinarView): string {
  if (w.bbb.error) return `unknown (${w.bbb.error.en})`;
  if (w.bbb.running === null) return 'not checked';
  return w.bbb.running ? 'running' : 'not running';
}

const isoLike =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * `--start`: an ISO 8601 date and time; without an offset it is local time, as a person means
 * "14:00". A date that does not exist (February 30) is refused rather than rolled over.
 */
export function parseStart(text: string): string {
  const bad = () =>
    new UsageError(
      `--start expects an ISO date and time such as 2026-03-10T14:00 (local time) or 2026-03-10T13:00Z, not "${text}"`,
    );
  const m = isoLike.exec(text.trim());
  if (!m) throw bad();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  if (
    (month ?? 0) < 1 ||
    (month ?? 0) > 12 ||
    (day ?? 0) < 1 ||
    (day ?? 0) > daysInMonth ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  )
    throw bad();
  const offset = m[7];
  // `+0100` is ISO too, but Date reads only `+01:00`.
  const local = text.trim().replace(' ', 'T');
  const at = new Date(
    offset !== undefined && !offset.includes(':') && offset !== 'Z'
      ? `${local.slice(0, -2)}:${local.slice(-2)}`
      : local,
  );
  if (Number.isNaN(at.getTime())) throw bad();
  return at.toISOString();
}
