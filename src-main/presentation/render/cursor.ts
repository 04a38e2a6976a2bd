import type { DeskshareInterval, WhiteboardFormat } from '../model';
import type { CursorTrack } from '../parse/cursor';
import { fit, type FrameLayout } from './geometry';
import type { Timeline } from './timeline';

/** Where the cursor is drawn in each output frame: a sprite (by diameter) and its top-left. */
export interface CursorFrames {
  /** Sprite diameters in output pixels; `sprite[k] === 255` = hidden in frame k. */
  diameters: number[];
  sprite: Uint8Array;
  x: Int16Array;
  y: Int16Array;
  colour: string;
}

/**
 * The cursor as the player draws it (player-frames README "What the player does"): 2.5 a
 * circle of radius 8 slide px that scales with the zoom, rgb(223, 39, 33); 2.7 a 10 px dot
 * #C70039 of constant size on the player's 960×530 presentation area; 3.0 a tldraw ellipse
 * about 11.5 page units across (2.5 units plus its xl stroke) that scales with the zoom.
 * Hidden at `-1 -1`, outside the view box, before the first event, and during a screen share.
 */
export function cursorFrames(options: {
  track: CursorTrack;
  timeline: Timeline;
  layout: FrameLayout;
  format: WhiteboardFormat;
  deskshare: DeskshareInterval[];
}): CursorFrames {
  const { track, timeline, layout, format } = options;
  const { frames, fps } = timeline;
  const sprite = new Uint8Array(frames).fill(255);
  const xs = new Int16Array(frames);
  const ys = new Int16Array(frames);
  const diameters: number[] = [];
  const spriteOf = (d: number): number => {
    const q = Math.max(2, Math.min(80, Math.round(d * 2) / 2));
    let i = diameters.indexOf(q);
    if (i < 0 && diameters.length < 32) i = diameters.push(q) - 1;
    return i < 0 ? 0 : i;
  };
  const playerFactor = Math.min(layout.slideBox.w / 960, layout.slideBox.h / 530);
  let run = 0;
  let event = -1;
  let share = 0;
  for (let k = 0; k < frames; k++) {
    const t = k / fps;
    while ((timeline.runs[run + 1]?.from ?? Infinity) <= k) run++;
    while (event + 1 < track.length && (track.times[event + 1] ?? Infinity) <= t + 1e-9) event++;
    while ((options.deskshare[share]?.end ?? Infinity) <= t) share++;
    const inShare = (options.deskshare[share]?.start ?? Infinity) <= t;
    if (event < 0 || inShare) continue;
    const state = timeline.states[timeline.runs[run]?.state ?? -1];
    if (!state?.view) continue;
    const cx = track.xs[event] ?? -1;
    const cy = track.ys[event] ?? -1;
    if (cx === -1 && cy === -1) continue;
    const view = state.view;
    const box = fit(view, layout.slideBox);
    const scale = box.w / view.w;
    const px = format === 'svg' ? view.x + cx * view.w : cx;
    const py = format === 'svg' ? view.y + cy * view.h : cy;
    if (px < view.x || py < view.y || px > view.x + view.w || py > view.y + view.h) continue;
    const d =
      format === 'svg' ? 16 * scale : format === 'tldraw1' ? 10 * playerFactor : 11.5 * scale;
    const index = spriteOf(d);
    const size = spriteSize(diameters[index] ?? d);
    sprite[k] = index;
    xs[k] = Math.round(box.x + (px - view.x) * scale - size / 2);
    ys[k] = Math.round(box.y + (py - view.y) * scale - size / 2);
  }
  const colour =
    format === 'svg' ? 'rgb(223,39,33)' : format === 'tldraw1' ? '#C70039' : 'rgb(224,49,49)';
  return { diameters, sprite, x: xs, y: ys, colour };
}

/** The square sprite holding a dot of diameter `d`, with a pixel of margin for antialiasing. */
export const spriteSize = (d: number): number => Math.ceil(d) + 2;

export function spriteSvg(d: number, colour: string): string {
  const size = spriteSize(d);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="${size / 2}" cy="${size / 2}" r="${d / 2}" fill="${colour}"/></svg>`;
}
