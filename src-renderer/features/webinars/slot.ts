import { formatDateTime, type Language } from '../../i18n/format';

const time = (language: Language, at: Date) =>
  new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(at);

/**
 * A webinar's slot in one line: "14/07/2026 10:00–11:30" on one day, both ends in full when it
 * runs past midnight.
 */
export function slotText(language: Language, startAt: string, endAt: string): string {
  const start = new Date(startAt);
  const end = new Date(endAt);
  const isOneDay = start.toDateString() === end.toDateString();
  return isOneDay
    ? `${formatDateTime(language, start)}–${time(language, end)}`
    : `${formatDateTime(language, start)} – ${formatDateTime(language, end)}`;
}

/** "10:00–11:30" for the week's cards, whose column already says the day. */
export function hoursText(language: Language, startAt: string, endAt: string): string {
  return `${time(language, new Date(startAt))}–${time(language, new Date(endAt))}`;
}
