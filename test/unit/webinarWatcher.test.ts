import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWatchers, type MeetingAnswer } from '../../src-main/webinar/watcher';

/**
 * The end watcher's rules (issue #13 §6; pod-behaviour.md §5.8, §8.5.5–6) on fake timers: two
 * "not running" in a row end the live; an error is never one; "not running" before the meeting
 * first ran counts only after the grace period; watching again replaces the watcher.
 */

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setUp(answers: MeetingAnswer[], graceMs = 60_000) {
  const ended: number[] = [];
  let asked = 0;
  const watchers = createWatchers({
    intervalMs: () => 5_000,
    graceMs,
    now: () => Date.now(),
    ask: () => Promise.resolve(answers[Math.min(asked++, answers.length - 1)] ?? { running: true }),
    onAnswer: () => undefined,
    onEnded: (id) => {
      ended.push(id);
      return Promise.resolve();
    },
    onError: () => undefined,
  });
  return { watchers, ended, asked: () => asked };
}

const running = { running: true };
const notRunning = { running: false };
const failed = { error: { en: 'HTTP 502', fr: 'HTTP 502' } };

describe('end watcher', () => {
  it('ends after two consecutive "not running", about 10 s after the end with 5 s polls', async () => {
    const { watchers, ended } = setUp([running, running, notRunning, notRunning]);
    watchers.watch(7);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(ended).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ended).toEqual([7]);
    expect(watchers.isWatched(7)).toBe(false);
  });

  it('never ends on failed answers, and a failure breaks a run of "not running"', async () => {
    const { watchers, ended } = setUp([
      running,
      notRunning,
      failed,
      notRunning,
      failed,
      failed,
      failed,
    ]);
    watchers.watch(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ended).toEqual([]);
    expect(watchers.isWatched(1)).toBe(true);
    await watchers.stopAll();
  });

  it('does not count "not running" before the first run until the grace period passed', async () => {
    const { watchers, ended } = setUp([notRunning], 60_000);
    watchers.watch(2);
    await vi.advanceTimersByTimeAsync(55_000);
    expect(ended).toEqual([]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(ended).toEqual([2]);
  });

  it('keeps one watcher per webinar however often it is watched again', async () => {
    const { watchers, asked } = setUp([running]);
    for (let i = 0; i < 5; i++) watchers.watch(3, true);
    expect(watchers.count()).toBe(1);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(asked()).toBe(5);
    await watchers.stopAll();
    expect(watchers.count()).toBe(0);
  });
});
