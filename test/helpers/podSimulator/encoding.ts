import type { PodSimVideo } from './model';

/**
 * Pod's encode_video after `launch_encode_view` (../shared/reference/pod-behaviour.md §2.1):
 * `encoding_in_progress` turns true with step "0: start", then one step every `stepMs` —
 * "1: remove old data", "2: start standard encoding", "3: store encoding info" (the duration is
 * known) — and "0: end of encoding" with `encoded` true. Step 0 thus appears both at the start and
 * at the end: only `encoded` and `encoding_in_progress` say which. `get_encoding_step` is
 * "%s: %s" (num, desc), as models.py writes it.
 */

export interface EncodingRun {
  /** Timers still pending, so `close()` can clear them. */
  timers: Set<NodeJS.Timeout>;
  stepMs: number;
}

const steps = ['1: remove old data', '2: start standard encoding', '3: store encoding info'];

/** Starts the simulated encoding of `video`; `fails` ends it at step 2 with step -1. */
export function startEncoding(video: PodSimVideo, run: EncodingRun, fails: boolean): void {
  video.encodingInProgress = true;
  video.step = '0: start';
  const plan: (() => void)[] = [
    () => {
      // `encoded` looks for renditions: a re-encoding loses them at "remove old data".
      video.step = steps[0] ?? '';
      video.encoded = false;
    },
    () => (video.step = steps[1] ?? ''),
    fails
      ? () => {
          // One line, like the error step a client will show; Pod's own text varies by cause.
          video.step = '-1: error during encoding (simulated)';
          video.encodingInProgress = false;
        }
      : () => {
          video.step = steps[2] ?? '';
          video.duration = 10;
        },
  ];
  if (!fails)
    plan.push(() => {
      video.step = '0: end of encoding';
      video.encoded = true;
      video.encodingInProgress = false;
    });
  const next = (index: number) => {
    const action = plan[index];
    if (!action) return;
    const timer = setTimeout(() => {
      run.timers.delete(timer);
      action();
      next(index + 1);
    }, run.stepMs);
    run.timers.add(timer);
  };
  next(0);
}
