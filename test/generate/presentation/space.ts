/**
 * Coordinate spaces per format (test/fixtures/bbb/player-frames/README.md "Coordinates"):
 * 2.5 draws and zooms in slide pixels, its cursor is 0–1 of the current viewBox; 2.7/3.0 draw in
 * tldraw page units (slide fitted into 1440×1080), the camera is `x y` in page units (negative)
 * with `w h` in slide units, the cursor in page units.
 */
import type { RecordingFormat } from './options.js';
import type { Point, View } from './plan.js';
import { slideSize } from './slides.js';

const tldrawFrame = { width: 1440, height: 1080 };

export interface Space {
  slide: { width: number; height: number };
  /** Where shapes live: slide pixels (2.5) or tldraw page units. */
  page: { width: number; height: number };
  isTldraw: boolean;
}

export function spaceOf(format: RecordingFormat): Space {
  const slide = slideSize[format];
  if (format === 'svg') return { slide, page: slide, isTldraw: false };
  const scale = Math.min(tldrawFrame.width / slide.width, tldrawFrame.height / slide.height);
  return {
    slide,
    page: { width: slide.width * scale, height: slide.height * scale },
    isTldraw: true,
  };
}

export const num = (value: number): string => {
  const rounded = Math.round(value * 1000) / 1000;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
};

export const toPage = (space: Space, point: Point): [number, number] => [
  Math.round(point.u * space.page.width * 10) / 10,
  Math.round(point.v * space.page.height * 10) / 10,
];

/** `panzooms.xml` viewBox text for a view. */
export function viewBoxText(space: Space, view: View): string {
  const w = space.slide.width / view.zoom;
  const h = space.slide.height / view.zoom;
  if (!space.isTldraw)
    return [view.u0 * space.slide.width, view.v0 * space.slide.height, w, h].map(num).join(' ');
  const x = view.u0 * space.page.width;
  const y = view.v0 * space.page.height;
  return [x === 0 ? 0 : -x, y === 0 ? 0 : -y, w, h].map(num).join(' ');
}

/** `cursor.xml` text for a position under a view (`-1.0 -1.0` = hidden). */
export function cursorText(space: Space, view: View, at: Point | null): string {
  if (!at) return '-1.0 -1.0';
  if (space.isTldraw) return toPage(space, at).map(num).join(' ');
  const span = 1 / view.zoom;
  return [(at.u - view.u0) / span, (at.v - view.v0) / span]
    .map((value) => num(Math.round(value * 1e5) / 1e5))
    .join(' ');
}
