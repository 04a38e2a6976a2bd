/**
 * The format-neutral timeline of a synthetic recording: slide intervals, whiteboard shapes in
 * normalised slide coordinates (0–1), views (zoom/pan), cursor and chat. Each format writer
 * (svgWhiteboard, tldrawV1, tldrawV2, xmlFiles) turns it into its own coordinates, so the three
 * formats of one seed show the same picture.
 */
import { type Random, type Resolved, between, createRandom, hashString, pick } from './options.js';

export type ShapeKind =
  'pencil' | 'rect' | 'ellipse' | 'line' | 'triangle' | 'text' | 'arrow' | 'note' | 'highlight';

export interface Point {
  u: number;
  v: number;
}

export interface SlideShow {
  /** 1-based slide number. */
  slide: number;
  start: number;
  end: number;
}

export interface PlannedShape {
  /** 1-based, unique in the recording, in creation order. */
  uid: number;
  slide: number;
  kind: ShapeKind;
  /** Top-left corner and size, normalised to the slide. */
  box: { u: number; v: number; w: number; h: number };
  /** Index into each format's palette. */
  color: number;
  /** Version times (s): strokes get updates while drawn; other shapes have one version. */
  times: number[];
  /** For strokes: how many of `points` each version holds. */
  pointCounts: number[];
  points: Point[];
  /** Undo time (s), or -1. */
  undoAt: number;
  text: string[];
}

/** The visible part of the slide from `time`: top-left corner (normalised) and zoom (≥ 1). */
export interface View {
  time: number;
  u0: number;
  v0: number;
  zoom: number;
}

export interface CursorEvent {
  time: number;
  /** null = hidden (`-1 -1`). */
  at: Point | null;
}

export interface ChatMessage {
  time: number;
  name: string;
  role: 'MODERATOR' | 'VIEWER';
  /** Plain text; the writer escapes it. */
  message: string;
}

export interface Plan {
  slides: SlideShow[];
  shapes: PlannedShape[];
  views: View[];
  cursor: CursorEvent[];
  chat: ChatMessage[];
}

/** Shapes each format can express (2.5: BBB's SVG tools; 2.7: tldraw v1; 3.0: tldraw v2). */
const kindsByFormat: Record<Resolved['format'], ShapeKind[]> = {
  svg: ['pencil', 'rect', 'ellipse', 'line', 'triangle', 'text'],
  tldraw1: ['pencil', 'rect', 'ellipse', 'arrow', 'triangle', 'text'],
  tldraw2: ['pencil', 'rect', 'ellipse', 'arrow', 'line', 'text', 'note', 'highlight', 'triangle'],
};

const strokeKinds: ReadonlySet<ShapeKind> = new Set(['pencil', 'highlight']);

export function buildPlan(options: Resolved): Plan {
  // One random stream per part: the three formats of a seed share slides, views, cursor and chat
  // (only the shapes differ with the tools each format has).
  const stream = (part: string) => createRandom(hashString(`${part}:${options.seed}`));
  const slides = planSlides(stream('slides'), options);
  const views = planViews(stream('views'), options, slides);
  return {
    slides,
    views,
    shapes: planShapes(stream('shapes'), options, slides),
    cursor: planCursor(stream('cursor'), options, views),
    chat: planChat(stream('chat'), options),
  };
}

const tenth = (value: number): number => Math.round(value * 10) / 10;
const milli = (value: number): number => Math.round(value * 1000) / 1000;

function planSlides(random: Random, options: Resolved): SlideShow[] {
  const weights = Array.from({ length: options.slides }, () => between(random, 0.7, 1.3));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const slides: SlideShow[] = [];
  let start = 0;
  weights.forEach((weight, index) => {
    const isLast = index === weights.length - 1;
    const end = isLast ? options.durationS : tenth(start + (weight / total) * options.durationS);
    slides.push({ slide: index + 1, start, end });
    start = end;
  });
  return slides;
}

/** A time inside a random slide interval (weighted by length), away from its edges. */
function timeInSlides(random: Random, slides: SlideShow[], durationS: number): [number, SlideShow] {
  const at = random() * durationS;
  const show = slides.find((s) => at < s.end) ?? slides[slides.length - 1];
  if (!show) throw new Error('no slides');
  const margin = Math.min(0.3, (show.end - show.start) / 4);
  return [milli(between(random, show.start + margin, show.end - margin)), show];
}

function planViews(random: Random, options: Resolved, slides: SlideShow[]): View[] {
  const changes = Array.from(
    { length: options.zooms },
    () => timeInSlides(random, slides, options.durationS)[0],
  );
  const resets = slides.map((show) => show.start);
  const all = [
    ...resets.map((time) => ({ time, isReset: true })),
    ...changes.map((time) => ({ time, isReset: false })),
  ];
  all.sort((a, b) => a.time - b.time || Number(b.isReset) - Number(a.isReset));
  const views: View[] = [];
  let current: View = { time: 0, u0: 0, v0: 0, zoom: 1 };
  for (const { time, isReset } of all) {
    if (isReset || (current.zoom > 1 && random() < 0.25)) current = { time, u0: 0, v0: 0, zoom: 1 };
    else {
      // Pan at the same zoom, or zoom somewhere new (BBB zooms in steps; any value ≥ 1 is valid).
      const zoom =
        current.zoom > 1 && random() < 0.5 ? current.zoom : tenth(between(random, 1.5, 3));
      const span = 1 / zoom;
      current = { time, zoom, u0: milli(random() * (1 - span)), v0: milli(random() * (1 - span)) };
    }
    views.push(current);
  }
  return views;
}

export function viewAt(views: View[], time: number): View {
  let found: View = { time: 0, u0: 0, v0: 0, zoom: 1 };
  for (const view of views) {
    if (view.time > time) break;
    found = view;
  }
  return found;
}

function planShapes(random: Random, options: Resolved, slides: SlideShow[]): PlannedShape[] {
  const kinds = kindsByFormat[options.format].filter(
    (kind) => options.textAnnotations || (kind !== 'text' && kind !== 'note'),
  );
  const ops = Array.from({ length: options.annotationStates }, () =>
    timeInSlides(random, slides, options.durationS),
  );
  ops.sort((a, b) => a[0] - b[0]);
  const shapes: PlannedShape[] = [];
  /** Per slide: the stroke still being drawn and how many updates it has left. */
  const open = new Map<number, { shape: PlannedShape; updatesLeft: number }>();
  for (const [time, show] of ops) {
    const stroke = open.get(show.slide);
    const live = shapes.filter((s) => s.slide === show.slide && s.undoAt < 0);
    const roll = random();
    if (stroke && roll < 0.6) {
      stroke.shape.times.push(time);
      const count = Math.round(stroke.shape.points.length * (1 - (stroke.updatesLeft - 1) / 4));
      stroke.shape.pointCounts.push(Math.min(stroke.shape.points.length, Math.max(2, count)));
      if (--stroke.updatesLeft === 0) open.delete(show.slide);
    } else if (live.length > 0 && roll > 0.9) {
      // Undo removes the newest shape of the slide, as BBB's undo does.
      const last = live[live.length - 1];
      if (last) last.undoAt = time;
      if (stroke?.shape === last) open.delete(show.slide);
    } else {
      if (stroke) open.delete(show.slide);
      const shape = newShape(random, pick(random, kinds), shapes.length + 1, show.slide, time);
      shapes.push(shape);
      if (strokeKinds.has(shape.kind))
        open.set(show.slide, { shape, updatesLeft: 1 + Math.floor(random() * 3) });
    }
  }
  for (const shape of shapes) {
    const last = shape.pointCounts.length - 1;
    if (strokeKinds.has(shape.kind) && last >= 0) shape.pointCounts[last] = shape.points.length;
  }
  return shapes;
}

const sampleTexts = [
  ['Key point', 'see slide notes'],
  ['Question?'],
  ['Deadline: Friday', 'room B12'],
  ['x = 3 & y < 5'],
  ['Résumé', 'étape 2'],
];

function newShape(
  random: Random,
  kind: ShapeKind,
  uid: number,
  slide: number,
  time: number,
): PlannedShape {
  const w = between(random, 0.1, 0.3);
  const h = kind === 'highlight' ? 0.04 : between(random, 0.08, 0.25);
  const box = {
    u: milli(between(random, 0.04, 0.96 - w)),
    v: milli(between(random, 0.04, 0.96 - h)),
    w: milli(w),
    h: milli(h),
  };
  const points: Point[] = [];
  if (strokeKinds.has(kind)) {
    const count = 12 + Math.floor(random() * 20);
    const isLoop = kind === 'pencil' && random() < 0.3;
    const phase = random() * Math.PI * 2;
    for (let i = 0; i < count; i++) {
      const f = i / (count - 1);
      points.push(
        isLoop
          ? {
              u: milli(box.u + box.w * (0.5 + 0.5 * Math.cos(f * 2 * Math.PI))),
              v: milli(box.v + box.h * (0.5 + 0.5 * Math.sin(f * 2 * Math.PI))),
            }
          : {
              u: milli(box.u + box.w * f),
              v: milli(box.v + box.h * (0.5 + 0.5 * Math.sin(phase + f * 2 * Math.PI))),
            },
      );
    }
  }
  const isStroke = strokeKinds.has(kind);
  return {
    uid,
    slide,
    kind,
    box,
    color: Math.floor(random() * 12),
    times: [time],
    pointCounts: [isStroke ? Math.max(2, Math.round(points.length / 4)) : 0],
    points,
    undoAt: -1,
    text: kind === 'text' || kind === 'note' ? pick(random, sampleTexts) : [],
  };
}

function planCursor(random: Random, options: Resolved, views: View[]): CursorEvent[] {
  const { durationS } = options;
  // Hidden at the start (the presenter has not moved yet) and for a few stretches.
  const hidden: [number, number][] = [[0, Math.min(1.2, durationS / 10)]];
  const stretches = Math.max(1, Math.round(durationS / 300));
  for (let i = 0; i < stretches; i++) {
    const start = between(random, 0.1, 0.9) * durationS;
    // At most 40 s each and ~13 % of the time, so visible times are always found below.
    hidden.push([start, start + between(random, 0.3, 1) * Math.min(0.03 * durationS, 40)]);
  }
  const isHidden = (time: number) => hidden.some(([start, end]) => time >= start && time < end);
  // `cursorEvents` moves, all outside the hidden stretches (each stretch adds one `-1 -1` event).
  const times: number[] = [];
  while (times.length < options.cursorEvents) {
    const time = milli(random() * durationS);
    if (!isHidden(time)) times.push(time);
  }
  times.sort((a, b) => a - b);
  const hides = hidden
    .slice(1)
    .map(([start]) => milli(start))
    .sort((a, b) => a - b);
  const events: CursorEvent[] = [{ time: 0, at: null }];
  let position: Point = { u: 0.5, v: 0.5 };
  let wasHidden = true;
  let viewIndex = 0;
  const syncToViews = (until: number) => {
    // BBB writes a cursor event at every pan/zoom change (README "Coordinates").
    while (viewIndex < views.length && (views[viewIndex]?.time ?? Infinity) <= until) {
      const view = views[viewIndex++];
      if (view && view.time > 0)
        events.push({ time: view.time, at: wasHidden ? null : { ...position } });
    }
  };
  for (const time of times) {
    while ((hides[0] ?? Infinity) <= time) {
      const hide = hides.shift() ?? time;
      syncToViews(hide);
      events.push({ time: hide, at: null });
      wasHidden = true;
    }
    syncToViews(time);
    const view = viewAt(views, time);
    const span = 1 / view.zoom;
    const clamp = (value: number, low: number) =>
      Math.min(low + span * 0.98, Math.max(low + span * 0.02, value));
    position = {
      u: milli(clamp(position.u + between(random, -0.03, 0.03) * span, view.u0)),
      v: milli(clamp(position.v + between(random, -0.03, 0.03) * span, view.v0)),
    };
    wasHidden = false;
    events.push({ time, at: { ...position } });
  }
  syncToViews(Infinity);
  return events;
}

const chatNames: [string, ChatMessage['role']][] = [
  ['Noor Haddad', 'MODERATOR'],
  ['Tomasz Wr', 'VIEWER'],
  ['Ilse', 'VIEWER'],
  ['Amélie Durand', 'VIEWER'],
];
const chatTexts = [
  'Welcome, the recording has started',
  'can you zoom on the left part?',
  'thanks <3',
  'Q&A at the end?',
  'slides: https://example.org/slides.pdf',
  'très clair, merci',
];

function planChat(random: Random, options: Resolved): ChatMessage[] {
  const times = Array.from({ length: options.chatMessages }, () =>
    tenth(random() * options.durationS),
  ).sort((a, b) => a - b);
  return times.map((time) => {
    const [name, role] = pick(random, chatNames);
    return { time, name, role, message: pick(random, chatTexts) };
  });
}
