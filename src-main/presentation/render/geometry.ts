import type { Rect, SlideShow, ViewEvent, WhiteboardFormat } from '../model';

export type LayoutName = 'slides' | 'slides+webcams';

/** Where each part of the picture goes in the output frame, in output pixels. */
export interface FrameLayout {
  width: number;
  height: number;
  slideBox: Rect;
  webcamBox: Rect | null;
  chatBox: Rect | null;
}

/**
 * `slides`: the slides fill the frame. `slides+webcams`: a strip on the right for the webcams,
 * a quarter of the width, as BBB's own `video` format (960×720 + 320×720 at 1280×720, bbb.md
 * §3.5). The chat panel, when asked for, takes that strip too (below the webcams).
 */
export function frameLayout(options: {
  width: number;
  height: number;
  layout: LayoutName;
  hasChat: boolean;
}): FrameLayout {
  const { width, height, layout, hasChat } = options;
  const hasStrip = layout === 'slides+webcams' || hasChat;
  const strip = hasStrip ? even(width / 4) : 0;
  const slideBox = { x: 0, y: 0, w: width - strip, h: height };
  if (!hasStrip) return { width, height, slideBox, webcamBox: null, chatBox: null };
  const x = width - strip;
  if (layout !== 'slides+webcams') {
    return { width, height, slideBox, webcamBox: null, chatBox: { x, y: 0, w: strip, h: height } };
  }
  const camH = even((strip * 3) / 4);
  if (!hasChat)
    return { width, height, slideBox, webcamBox: { x, y: 0, w: strip, h: height }, chatBox: null };
  return {
    width,
    height,
    slideBox,
    webcamBox: { x, y: 0, w: strip, h: camH },
    chatBox: { x, y: camH, w: strip, h: height - camH },
  };
}

const even = (v: number): number => Math.max(2, Math.round(v / 2) * 2);

/**
 * The whiteboard space of one slide: where the slide image lies, in the units annotations and
 * view boxes use. ≤ 2.5: slide pixels. tldraw: the slide fitted into 1440×1080 page units
 * (2048×1536 before BBB 2.6.1), at page (0, 0) in tldraw v1 and (1, 1) in v2 — player-frames
 * README "Coordinates" and bbb-playback's tldraw components.
 */
export interface SlideSpace {
  image: Rect;
  /** Slide pixels → whiteboard units (1 for ≤ 2.5). */
  scale: number;
}

export function slideSpace(
  format: WhiteboardFormat,
  show: SlideShow,
  bbbVersion: string,
): SlideSpace {
  if (format === 'svg') return { image: { x: 0, y: 0, w: show.width, h: show.height }, scale: 1 };
  const isOld = format === 'tldraw1' && /^2\.6\.0\b/.test(bbbVersion);
  const [maxW, maxH] = isOld ? [2048, 1536] : [1440, 1080];
  const scale = Math.min(maxW / show.width, maxH / show.height);
  const offset = format === 'tldraw2' ? 1 : 0;
  return { image: { x: offset, y: offset, w: show.width * scale, h: show.height * scale }, scale };
}

/** The part of the whiteboard shown, in whiteboard units, from the panzoom event in force. */
export function viewRect(
  format: WhiteboardFormat,
  space: SlideSpace,
  event: ViewEvent | undefined,
): Rect {
  if (!event) {
    // No panzoom yet: the whole slide (tldraw v2 shows its 1-unit margin too).
    return format === 'tldraw2'
      ? { x: 0, y: 0, w: space.image.w, h: space.image.h }
      : { ...space.image };
  }
  const { x, y, w, h } = event.raw;
  if (format === 'svg') return { x, y, w, h };
  // tldraw: camera point (negative = scrolled), visible size in slide pixels × the fit scale.
  return { x: -x, y: -y, w: w * space.scale, h: h * space.scale };
}

/** `view` fitted into `box`, centred, aspect kept (the player's own fit). */
export function fit(view: Rect, box: Rect): Rect {
  const scale = Math.min(box.w / view.w, box.h / view.h);
  const w = view.w * scale;
  const h = view.h * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}
