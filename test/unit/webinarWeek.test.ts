import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  byDay,
  fromLocalInputs,
  toLocalInputs,
  weekDays,
  weekStart,
} from '../../src-renderer/features/webinars/week';

/** Local times throughout, as the console shows them: the machine's time zone does not matter. */
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);
const slot = (name: string, start: Date, minutes: number) => ({
  name,
  startAt: start.toISOString(),
  endAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
});

describe("the webinars' week (Monday first)", () => {
  it('starts on the Monday at midnight, whatever the day and hour', () => {
    // 2026-07-14 is a Tuesday; 2026-07-19 a Sunday; 2026-07-13 a Monday.
    expect(weekStart(local(2026, 7, 14, 15, 30))).toEqual(local(2026, 7, 13));
    expect(weekStart(local(2026, 7, 19, 23, 59))).toEqual(local(2026, 7, 13));
    expect(weekStart(local(2026, 7, 13, 0, 0))).toEqual(local(2026, 7, 13));
  });

  it('has seven days at midnight, across a month and a daylight-saving change', () => {
    const days = weekDays(local(2026, 3, 23)); // France goes to summer time on 29 March 2026
    expect(days.map((d) => [d.getMonth() + 1, d.getDate(), d.getHours()])).toEqual([
      [3, 23, 0],
      [3, 24, 0],
      [3, 25, 0],
      [3, 26, 0],
      [3, 27, 0],
      [3, 28, 0],
      [3, 29, 0],
    ]);
    expect(addWeeks(local(2026, 3, 23), 1)).toEqual(local(2026, 3, 30));
    expect(addWeeks(local(2026, 3, 2), -1)).toEqual(local(2026, 2, 23));
  });

  it('puts each webinar on the days its slot touches, in time order', () => {
    const days = weekDays(local(2026, 7, 13));
    const late = slot('late', local(2026, 7, 14, 23, 30), 60); // Tuesday → Wednesday
    const toMidnight = slot('toMidnight', local(2026, 7, 15, 23, 0), 60); // ends at midnight
    const morning = slot('morning', local(2026, 7, 14, 9, 0), 90);
    const nextWeek = slot('nextWeek', local(2026, 7, 20, 10, 0), 60);
    const columns = byDay([late, toMidnight, morning, nextWeek], days);
    expect(columns.map((c) => c.map((w) => w.name))).toEqual([
      [],
      ['morning', 'late'],
      ['late', 'toMidnight'],
      [],
      [],
      [],
      [],
    ]);
  });
});

describe('date and time inputs', () => {
  it('round-trip a local time through the ISO instant the call takes', () => {
    const at = local(2026, 7, 14, 9, 5);
    expect(toLocalInputs(at)).toEqual({ date: '2026-07-14', time: '09:05' });
    expect(fromLocalInputs('2026-07-14', '09:05')).toBe(at.toISOString());
  });

  it('give null for an incomplete date or time', () => {
    expect(fromLocalInputs('', '09:00')).toBeNull();
    expect(fromLocalInputs('2026-07-14', '')).toBeNull();
    expect(fromLocalInputs('2026-13-45', '09:00')).toBeNull();
    expect(fromLocalInputs('2026-02-31', '09:00')).toBeNull();
    expect(fromLocalInputs('2026-07-14', '24:00')).toBeNull();
    expect(fromLocalInputs('2026-07-14', '9:75')).toBeNull();
  });

  it('take the time as French staff write it, too', () => {
    const nine = local(2026, 7, 14, 9, 0).toISOString();
    expect(fromLocalInputs('2026-07-14', '9h')).toBe(nine);
    expect(fromLocalInputs('2026-07-14', '9h00')).toBe(nine);
    expect(fromLocalInputs('2026-07-14', ' 09:00 ')).toBe(nine);
    expect(fromLocalInputs('2026-07-14', '14 h 30')).toBe(local(2026, 7, 14, 14, 30).toISOString());
  });
});
