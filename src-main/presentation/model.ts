/**
 * The presentation recording as the converter sees it, once parsed: what is on screen and when.
 * Formats and coordinate spaces: ../shared/reference/bbb.md §2 and
 * test/fixtures/bbb/player-frames/README.md ("Coordinates, as the player reads them").
 */

/** `svg`: BBB ≤ 2.5 (drawings in shapes.svg); `tldraw1`: 2.6/2.7; `tldraw2`: 3.0. */
export type WhiteboardFormat = 'svg' | 'tldraw1' | 'tldraw2';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One display interval of one slide (`<image class="slide">` of shapes.svg), in seconds. */
export interface SlideShow {
  /** `image3` → 3; tldraw.json pages are keyed by this number. */
  slideId: number;
  start: number;
  end: number;
  /** Relative path inside the recording, already checked (no `..`, no scheme, no absolute path). */
  href: string;
  /** Slide size in slide pixels (the `width`/`height` attributes). */
  width: number;
  height: number;
  /** `deskshare`: BBB's deskshare placeholder image; `logo`: no presentation. */
  kind: 'slide' | 'deskshare' | 'logo';
}

/**
 * One version of one drawing, visible during [start, end). `svg` is a sanitised SVG fragment in
 * the whiteboard space of its slide: slide pixels for `svg`, tldraw page units for `tldraw1`/`2`.
 */
export interface Annotation {
  slideId: number;
  /** The drawing's identity: later versions of the same key replace earlier ones. */
  key: string;
  start: number;
  end: number;
  /** Paint order: higher is drawn later (on top). */
  order: number;
  svg: string;
}

/** What the camera shows: the view box at `time`, in the whiteboard space's own units. */
export interface ViewEvent {
  time: number;
  /** The raw `viewBox` of panzooms.xml (for tldraw: camera x y in page units, w h in slide px). */
  raw: Rect;
}

/** Cursor position: svg → 0..1 of the current view box; tldraw → page units. null = hidden. */
export interface CursorEvent {
  time: number;
  x: number;
  y: number;
  isHidden: boolean;
}

export interface DeskshareInterval {
  start: number;
  end: number;
  width: number;
  height: number;
}

export interface ChatMessage {
  time: number;
  /** Public chat cleared at this time (`out`), if ever. */
  clearedAt: number | null;
  name: string;
  /** Plain text: BBB's HTML unwrapped and unescaped. */
  text: string;
  isModerator: boolean;
}

/** Screen share shown as the main content (3.0 `layout.xml`), or not. */
export interface LayoutEvent {
  time: number;
  isScreenshareMain: boolean;
}

export interface Warning {
  /** The file concerned, relative to the recording. */
  file: string;
  en: string;
  fr: string;
}
