/**
 * The calendar's week, in the browser's local time: Monday first, as French calendars are. Pure
 * functions of dates, unit-tested (test/unit/webinarWeek.test.ts).
 */

/** Monday 00:00 local time of the week holding `at`. */
export function weekStart(at: Date): Date {
  const start = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const sinceMonday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - sinceMonday);
  return start;
}

/** The seven days of the week starting on `monday` (setDate, so a DST change keeps midnight). */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(monday);
    day.setDate(monday.getDate() + i);
    return day;
  });
}

export function addWeeks(monday: Date, weeks: number): Date {
  const next = new Date(monday);
  next.setDate(monday.getDate() + weeks * 7);
  return next;
}

/**
 * The items whose slot touches each day: `[startAt, endAt)` overlapping `[day, next day)`, so a
 * webinar from 23:30 to 00:30 shows on both days and one ending at midnight only on the first.
 */
export function byDay<T extends { startAt: string; endAt: string }>(
  items: readonly T[],
  days: readonly Date[],
): T[][] {
  return days.map((day) => {
    const from = day.getTime();
    const next = new Date(day);
    next.setDate(day.getDate() + 1);
    const to = next.getTime();
    return items
      .filter((item) => Date.parse(item.startAt) < to && Date.parse(item.endAt) > from)
      .sort((a, b) => Date.parse(a.startAt) - Date.parse(b.startAt));
  });
}

export const isSameDay = (a: Date, b: Date): boolean =>
  a.getFullYear() === b.getFullYear() &&
  a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

/** `2026-07-14` and `10:00` (what date and time inputs hold) for a local time. */
export function toLocalInputs(at: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${String(at.getFullYear())}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/**
 * A time as typed: `14:30`, and the French `14h30` or `14h`; null otherwise. A text field rather
 * than the browser's time input, which Chromium shows in the system's 12-hour form ("02:30 PM")
 * on an English system whatever the page's language.
 */
export function parseTime(text: string): { hours: number; minutes: number } | null {
  const match = /^(\d{1,2})\s*[:hH]\s*(\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  return hours < 24 && minutes < 60 ? { hours, minutes } : null;
}

/** The inputs' local date and time as an ISO instant; null when either is incomplete. */
export function fromLocalInputs(date: string, time: string): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = parseTime(time);
  if (!day || !clock) return null;
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const at = new Date(year, month - 1, dayOfMonth, clock.hours, clock.minutes);
  // 2026-02-31 would roll over to March: refused, not moved.
  return at.getMonth() === month - 1 && at.getDate() === dayOfMonth ? at.toISOString() : null;
}
