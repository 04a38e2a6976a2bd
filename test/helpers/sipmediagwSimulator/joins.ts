import { pushTestStream, type TestStream } from '../nginxRtmp';
import { joinRoom } from './joiner';
import type { SipRunning, SipSimOptions } from './model';

/**
 * What a started gateway container does after the API has answered: join the room page
 * (`<scheme>://<domain>/<room>`, reference/bbb.md §4.1) and, once in BBB, push its stream to the
 * RTMP destination; a stop ends the push before it answers. With `join: false`, nothing.
 */
export function createJoins(options: SipSimOptions) {
  const isOn = options.join ?? true;
  const scheme = options.joinScheme ?? 'https';
  const displayName = options.displayName ?? 'SIPMediaGW';
  const timeoutMs = options.joinTimeoutMs ?? 30_000;
  const inner = new Map<
    SipRunning,
    { abort: AbortController; task: Promise<void>; push: TestStream | null }
  >();

  function join(entry: SipRunning): void {
    if (!isOn) return;
    const abort = new AbortController();
    const work: { abort: AbortController; task: Promise<void>; push: TestStream | null } = {
      abort,
      task: Promise.resolve(),
      push: null,
    };
    inner.set(entry, work);
    work.task = (async () => {
      if (entry.domain === '') {
        entry.joinError = 'no domain in the start request: no room page to open';
        return;
      }
      const pageUrl = `${scheme}://${entry.domain}/${entry.room}`;
      try {
        const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]);
        entry.joined = await joinRoom(pageUrl, { displayName, signal });
      } catch (error) {
        if (!abort.signal.aborted) entry.joinError = `${pageUrl}: ${(error as Error).message}`;
        return;
      }
      if (abort.signal.aborted || entry.rtmpDst === '') return;
      const push = pushTestStream(entry.rtmpDst);
      work.push = push;
      entry.pushing = true;
      void push.exited.then(() => {
        entry.pushing = false;
      });
    })();
  }

  /** Stops the join if still under way, then the push; resolves once ffmpeg has exited. */
  async function leave(entry: SipRunning): Promise<void> {
    const work = inner.get(entry);
    if (!work) return;
    inner.delete(entry);
    work.abort.abort();
    await work.task;
    await work.push?.stop();
    entry.pushing = false;
  }

  return { join, leave };
}
