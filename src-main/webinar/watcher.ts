import type { Bilingual } from '../../src-preload/contract';

/** One answer of BBB about a meeting: running, not running, or no usable answer. */
export type MeetingAnswer = { running: boolean } | { error: Bilingual };

export interface WatcherOptions {
  /** Asks BBB whether the webinar's meeting runs; rejects never (errors are an answer). */
  ask: (webinarId: number, signal: AbortSignal) => Promise<MeetingAnswer>;
  /** Each answer, for the mirror and the console. */
  onAnswer: (webinarId: number, answer: MeetingAnswer) => void;
  /** Two "not running" in a row: the meeting ended. Called once per watch. */
  onEnded: (webinarId: number) => Promise<void>;
  intervalMs: () => number;
  /**
   * How long "not running" does not count before the meeting was first seen running: BBB says a
   * created meeting runs only once someone joined (the gateway, seconds after its start), and
   * drops one nobody joined after meetingExpireIfNoUserJoinedInMinutes (5 min by default).
   */
  graceMs: number;
  now: () => number;
  onError: (webinarId: number, error: unknown) => void;
}

interface Watch {
  timer: NodeJS.Timeout | undefined;
  controller: AbortController;
  misses: number;
  /** Seen running since the watch began (or known running when it began). */
  armed: boolean;
  sinceMs: number;
  /** The tick in flight, awaited by stop(). */
  running: Promise<void> | null;
}

/**
 * The end-of-meeting watchers (issue #13 §6; pod-behaviour.md §5.8, §8.5.5–6). At most one per
 * webinar: watching again replaces the previous one, so a restart or a re-start never leaves two
 * (Pod started a thread per owner join and per restart, each able to stop the gateway later).
 * Every `intervalMs` (5 s) BBB is asked; two consecutive "not running" end the live, ≤ 15 s after
 * the meeting ends (Pod: 60 s polls, 1–2 min), once the meeting was seen running (or after a grace
 * period: a meeting nobody joined does not run yet). A failed or garbled answer is not "not running":
 * it breaks the run, and never ends a live on its own (Pod called BBB `end` on one).
 */
export function createWatchers(options: WatcherOptions) {
  const watches = new Map<number, Watch>();

  function schedule(webinarId: number, watch: Watch, delayMs: number): void {
    watch.timer = setTimeout(() => {
      watch.running = tick(webinarId, watch).finally(() => (watch.running = null));
    }, delayMs);
  }

  async function tick(webinarId: number, watch: Watch): Promise<void> {
    let answer: MeetingAnswer;
    try {
      answer = await options.ask(webinarId, watch.controller.signal);
    } catch (error) {
      options.onError(webinarId, error);
      answer = { error: { en: String(error), fr: String(error) } };
    }
    if (watch.controller.signal.aborted || watches.get(webinarId) !== watch) return;
    options.onAnswer(webinarId, answer);
    if ('running' in answer && answer.running) watch.armed = true;
    const counts = watch.armed || options.now() - watch.sinceMs >= options.graceMs;
    if ('running' in answer && !answer.running && counts) {
      watch.misses++;
      if (watch.misses >= 2) {
        watches.delete(webinarId);
        await options
          .onEnded(webinarId)
          .catch((error: unknown) => options.onError(webinarId, error));
        return;
      }
    } else {
      watch.misses = 0;
    }
    schedule(webinarId, watch, options.intervalMs());
  }

  function stop(webinarId: number): Promise<void> {
    const watch = watches.get(webinarId);
    if (!watch) return Promise.resolve();
    watches.delete(webinarId);
    clearTimeout(watch.timer);
    watch.controller.abort();
    return watch.running ?? Promise.resolve();
  }

  return {
    /**
     * Watches the webinar's meeting, replacing any watcher it had; `isKnownRunning` when BBB
     * already said the meeting runs (a meeting joined before the live, a watch resumed).
     */
    watch(webinarId: number, isKnownRunning = false): void {
      void stop(webinarId);
      const watch: Watch = {
        timer: undefined,
        controller: new AbortController(),
        misses: 0,
        armed: isKnownRunning,
        sinceMs: options.now(),
        running: null,
      };
      watches.set(webinarId, watch);
      schedule(webinarId, watch, options.intervalMs());
    },
    stop,
    isWatched: (webinarId: number) => watches.has(webinarId),
    count: () => watches.size,
    async stopAll(): Promise<void> {
      await Promise.all([...watches.keys()].map((id) => stop(id)));
    },
  };
}

export type Watchers = ReturnType<typeof createWatchers>;
