import type { DrawContext } from './context.js';
import { normaliseAlign, type V2Align } from './tldrawV2Style.js';

/**
 * Defensive reading of one tldraw v2 shape record from a downloaded recording's tldraw.json:
 * numbers finite and bounded, arrays capped, style names only from tldraw's own enums. A bad
 * field falls back to tldraw's default and is noted; the caller warns once per shape.
 */

export const MAX_COORD = 1e6;
export const MAX_POINTS = 100_000;
export const MAX_TEXT = 10_000;

export type Vec = [number, number];
/** x, y, pressure (0–1). */
export type Vec3 = [number, number, number];

export class V2Reader {
  readonly problems: string[] = [];
  constructor(readonly raw: Record<string, unknown>) {}

  static record(value: unknown): Record<string, unknown> | undefined {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  }

  num(
    value: unknown,
    field: string,
    fallback: number,
    range: [number, number] = [-MAX_COORD, MAX_COORD],
  ): number {
    if (value === undefined) return fallback;
    if (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= range[0] &&
      value <= range[1]
    )
      return value;
    this.problems.push(field);
    return fallback;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
      return value as T;
    this.problems.push(field);
    return fallback;
  }

  key<T extends object>(
    value: unknown,
    table: T,
    field: string,
    fallback: keyof T & string,
  ): keyof T & string {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value))
      return value as keyof T & string;
    this.problems.push(field);
    return fallback;
  }

  align(value: unknown, field: string, fallback: V2Align): V2Align {
    if (value === undefined) return fallback;
    const align = typeof value === 'string' ? normaliseAlign(value) : undefined;
    if (align) return align;
    this.problems.push(field);
    return fallback;
  }

  text(value: unknown, field: string): string {
    if (value === undefined) return '';
    if (typeof value !== 'string') {
      this.problems.push(field);
      return '';
    }
    if (value.length > MAX_TEXT) this.problems.push(field);
    // Control characters other than newline and tab draw nothing and are not valid in XML.
    return [...value.slice(0, MAX_TEXT)].filter(isDrawableChar).join('');
  }

  bool(value: unknown, fallback: boolean): boolean {
    return typeof value === 'boolean' ? value : fallback;
  }

  point(value: unknown, field: string): Vec | undefined {
    const p = V2Reader.record(value);
    if (!p) return undefined;
    const x = this.num(p.x, field, Number.NaN);
    const y = this.num(p.y, field, Number.NaN);
    return Number.isNaN(x) || Number.isNaN(y) ? undefined : [x, y];
  }

  /** Freehand segments: every point, "straight" segments interpolated as tldraw does. */
  segments(value: unknown, field: string): Vec3[] {
    const out: Vec3[] = [];
    if (!Array.isArray(value)) {
      this.problems.push(field);
      return out;
    }
    for (const segment of value) {
      const seg = V2Reader.record(segment);
      if (!seg || !Array.isArray(seg.points)) {
        this.problems.push(field);
        continue;
      }
      const points: Vec3[] = [];
      for (const raw of seg.points) {
        if (out.length + points.length >= MAX_POINTS) {
          this.problems.push(`${field} (> ${MAX_POINTS} points)`);
          break;
        }
        const p = V2Reader.record(raw);
        const x = this.num(p?.x, field, Number.NaN);
        const y = this.num(p?.y, field, Number.NaN);
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        points.push([x, y, this.num(p?.z, field, 0.5, [0, 1])]);
      }
      if (seg.type === 'straight' && points.length >= 2) {
        // getPointsFromSegments: a straight segment becomes ≥ 4 evenly spaced points.
        const [a, b] = points as [Vec3, Vec3];
        const steps = Math.min(
          1000,
          Math.max(4, Math.floor(Math.hypot(b[0] - a[0], b[1] - a[1]) / 16)),
        );
        for (let i = 0; i < steps; i++) {
          const t = i / (steps - 1);
          out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, 0.5]);
        }
      } else {
        out.push(...points);
      }
    }
    return out;
  }

  warnIfAny(ctx: DrawContext, id: string, type: string): void {
    if (this.problems.length === 0) return;
    const fields = [...new Set(this.problems)].slice(0, 5).join(', ');
    ctx.warn(
      `tldraw.json: shape ${id} (${type}) has unreadable ${fields}; drawn with tldraw's defaults there.`,
      `tldraw.json : la forme ${id} (${type}) a des champs illisibles (${fields}) ; dessinée avec les valeurs par défaut de tldraw.`,
    );
  }
}

/** Control characters other than tab and newline (and U+FFFE/FFFF) are not valid in XML. */
function isDrawableChar(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c === 9 || c === 10 || (c >= 32 && c !== 0x7f && c !== 0xfffe && c !== 0xffff);
}

/** Element i, or a RangeError (caught by tldrawV2Shape: a bug costs one shape, not the video). */
export function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} of ${items.length}`);
  return item;
}

/** XML text and attribute escaping (everything from tldraw.json passes through here). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number for an SVG attribute: 2 decimals, no exponent, never NaN. */
export function n(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A shape id reduced to characters safe in an SVG id and a url(#…) reference. */
export function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}
