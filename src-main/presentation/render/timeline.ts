import type { Annotation, Rect, SlideShow } from '../model';
import type { Recording } from '../parse/recording';
import { slideSpace, viewRect, type SlideSpace } from './geometry';

/** One distinct picture of the whiteboard (the cursor, webcams and screen share excepted). */
export interface PictureState {
  key: string;
  /** Identifies the slide layer (slide and view box): states sharing it share its raster. */
  layerKey: string;
  show: SlideShow | null;
  space: SlideSpace | null;
  /** The visible part of the whiteboard, in whiteboard units. */
  view: Rect | null;
  annotations: Annotation[];
  /** Chat messages visible (the first `chatCount` of the recording's list, minus cleared ones). */
  chatFrom: number;
  chatCount: number;
}

/** The picture from frame `from` (inclusive) to the next run's `from`. */
export interface Run {
  from: number;
  state: number;
}

export interface Timeline {
  fps: number;
  frames: number;
  states: PictureState[];
  runs: Run[];
}

/**
 * Every visible change of the recording as runs of output frames, each run pointing at one
 * picture state; a state is rasterised once however often it comes back (issue #10 §3: a frame
 * is drawn only when the picture changes, never per cursor move). Changes inside one frame
 * period collapse into the state the frame shows, which bounds the work by the frame count even
 * on hostile files.
 */
export function buildTimeline(
  recording: Recording,
  options: { fps: number; withChat: boolean },
): Timeline {
  const { fps } = options;
  const durationS = recording.metadata.durationS;
  const frames = Math.max(1, Math.round(durationS * fps));
  const frameOf = (t: number): number => Math.min(frames, Math.max(0, Math.ceil(t * fps - 1e-6)));
  const changes = new Set<number>([0]);
  for (const s of recording.slides) {
    changes.add(frameOf(s.start));
    changes.add(frameOf(s.end));
  }
  for (const a of recording.annotations) {
    changes.add(frameOf(a.start));
    if (Number.isFinite(a.end)) changes.add(frameOf(a.end));
  }
  for (const v of recording.views) changes.add(frameOf(v.time));
  if (options.withChat) {
    for (const m of recording.chat) {
      changes.add(frameOf(m.time));
      if (m.clearedAt !== null) changes.add(frameOf(m.clearedAt));
    }
  }
  const boundaries = [...changes].filter((f) => f < frames).sort((a, b) => a - b);

  const bySlide = new Map<number, Annotation[]>();
  for (const a of recording.annotations) {
    const list = bySlide.get(a.slideId);
    if (list) list.push(a);
    else bySlide.set(a.slideId, [a]);
  }
  for (const list of bySlide.values()) list.sort((a, b) => a.order - b.order);

  const states: PictureState[] = [];
  const indexOfKey = new Map<string, number>();
  const runs: Run[] = [];
  let showIndex = 0;
  let viewIndex = -1;
  let chatCount = 0;
  for (const from of boundaries) {
    const t = from / fps;
    const show = findShow(recording.slides, t, showIndex);
    if (show.index >= 0) showIndex = show.index;
    while ((recording.views[viewIndex + 1]?.time ?? Infinity) <= t + 1e-9) viewIndex++;
    while ((recording.chat[chatCount]?.time ?? Infinity) <= t + 1e-9) chatCount++;
    const state = pictureAt(recording, {
      t,
      show: show.show,
      viewEvent: viewIndex >= 0 ? recording.views[viewIndex] : undefined,
      annotations: show.show ? (bySlide.get(show.show.slideId) ?? []) : [],
      chatCount: options.withChat ? chatCount : 0,
    });
    let index = indexOfKey.get(state.key);
    if (index === undefined) {
      index = states.length;
      states.push(state);
      indexOfKey.set(state.key, index);
    }
    if (runs.at(-1)?.state !== index) runs.push({ from, state: index });
  }
  return { fps, frames, states, runs };
}

function findShow(
  slides: SlideShow[],
  t: number,
  hint: number,
): { show: SlideShow | null; index: number } {
  for (let i = Math.max(0, hint - 1); i < slides.length; i++) {
    const s = slides[i];
    if (!s) break;
    if (s.start > t + 1e-9) break;
    if (t < s.end - 1e-9) return { show: s, index: i };
  }
  return { show: null, index: -1 };
}

function pictureAt(
  recording: Recording,
  at: {
    t: number;
    show: SlideShow | null;
    viewEvent: Recording['views'][number] | undefined;
    annotations: Annotation[];
    chatCount: number;
  },
): PictureState {
  const { t, show } = at;
  const visible = at.annotations.filter((a) => a.start <= t + 1e-9 && t < a.end - 1e-9);
  let chatFrom = 0;
  for (let i = 0; i < at.chatCount; i++) {
    const cleared = recording.chat[i]?.clearedAt ?? null;
    if (cleared !== null && cleared <= t + 1e-9) chatFrom = i + 1;
  }
  if (!show) {
    return {
      key: `none|c${chatFrom}-${at.chatCount}`,
      layerKey: 'none',
      show: null,
      space: null,
      view: null,
      annotations: [],
      chatFrom,
      chatCount: at.chatCount,
    };
  }
  const space = slideSpace(recording.format, show, recording.bbbVersion);
  const view = viewRect(recording.format, space, at.viewEvent);
  const layerKey = [
    show.href,
    show.slideId,
    [view.x, view.y, view.w, view.h].map((v) => v.toFixed(3)).join(','),
  ].join('|');
  const key = [
    layerKey,
    visible.map((a) => a.order).join('.'),
    `c${chatFrom}-${at.chatCount}`,
  ].join('|');
  return {
    key,
    layerKey,
    show,
    space,
    view,
    annotations: visible,
    chatFrom,
    chatCount: at.chatCount,
  };
}
