import type { Vec } from './tldrawV1Geom.js';
import {
  V1_ALIGNS,
  V1_COLORS,
  V1_DASHES,
  V1_FONTS,
  V1_SIZES,
  type V1Align,
  type V1Color,
  type V1Dash,
  type V1Font,
  type V1Size,
} from './tldrawV1Style.js';

/**
 * Reading one `shape_data` record of tldraw.json (BBB 2.6/2.7) defensively: the file comes from a
 * downloaded recording, so every number is checked finite and bounded, arrays are capped, and
 * style names must be tldraw v1's own (never passed on as raw strings). Field names and defaults:
 * @tldraw/tldraw 1.29 `types.ts` and each shape util's `getShape`.
 */

/** Coordinates beyond this are not a drawing on a 1440×1080 page. */
export const MAX_COORD = 1e6;
/** A freehand stroke with more points than this is refused rather than drawn slowly. */
export const MAX_POINTS = 100_000;
/** Longer text is cut (a page holds far less). */
export const MAX_TEXT = 10_000;

export interface V1Style {
  color: V1Color;
  size: V1Size;
  dash: V1Dash;
  isFilled: boolean;
  scale: number;
  font: V1Font;
  textAlign: V1Align;
}

export interface V1Base {
  id: string;
  type: string;
  point: Vec;
  /** Radians. */
  rotation: number;
  style: V1Style;
  label: string;
  labelPoint: Vec;
}

/** Collects what was wrong while reading, for one warning per shape. */
export class ShapeReader {
  readonly problems: string[] = [];

  constructor(readonly raw: Record<string, unknown>) {}

  num(key: string, fallback?: number): number | undefined {
    return this.numOf(this.raw[key], key, fallback);
  }

  numOf(value: unknown, field: string, fallback?: number): number | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (isCoord(value)) return value;
    this.problems.push(field);
    return fallback;
  }

  vec(key: string, fallback?: Vec): Vec | undefined {
    return this.vecOf(this.raw[key], key, fallback);
  }

  vecOf(value: unknown, field: string, fallback?: Vec): Vec | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (Array.isArray(value) && value.length >= 2 && isCoord(value[0]) && isCoord(value[1])) {
      return [value[0], value[1]];
    }
    this.problems.push(field);
    return fallback;
  }

  /** A freehand point list: [x, y] or [x, y, pressure] entries, at most MAX_POINTS. */
  points(key: string): number[][] | undefined {
    const value = this.raw[key];
    if (!Array.isArray(value) || value.length > MAX_POINTS) {
      this.problems.push(key);
      return undefined;
    }
    const out: number[][] = [];
    for (const p of value as unknown[]) {
      if (!Array.isArray(p) || !isCoord(p[0]) || !isCoord(p[1])) {
        this.problems.push(key);
        return undefined;
      }
      const pressure: unknown = p[2];
      out.push(
        typeof pressure === 'number' && Number.isFinite(pressure) && pressure >= 0 && pressure <= 1
          ? [p[0], p[1], pressure]
          : [p[0], p[1]],
      );
    }
    return out;
  }

  text(key: string): string {
    const value = this.raw[key];
    if (value === undefined || value === null) return '';
    if (typeof value !== 'string') {
      this.problems.push(key);
      return '';
    }
    if (value.length > MAX_TEXT) this.problems.push(key);
    return value.slice(0, MAX_TEXT);
  }

  bool(value: unknown, field: string): boolean {
    if (value === undefined || typeof value === 'boolean') return value === true;
    this.problems.push(field);
    return false;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
      return value as T;
    this.problems.push(field);
    return fallback;
  }

  /** The common fields; undefined when the shape cannot be placed at all. */
  base(): V1Base | undefined {
    const { raw } = this;
    const id = typeof raw.id === 'string' && raw.id.length <= 200 ? raw.id : '';
    if (id === '') this.problems.push('id');
    const type = typeof raw.type === 'string' ? raw.type : '';
    const point = this.vec('point');
    const rotation = this.num('rotation', 0) ?? 0;
    const style = this.style(raw.style);
    const label = this.text('label');
    const labelPoint = this.vec('labelPoint', [0.5, 0.5]) ?? [0.5, 0.5];
    if (!point) return undefined;
    return { id, type, point, rotation, style, label, labelPoint };
  }

  private style(value: unknown): V1Style {
    const s = isRecord(value) ? value : {};
    if (!isRecord(value)) this.problems.push('style');
    let scale = this.numOf(s.scale, 'style.scale', 1) ?? 1;
    // A text scale outside this range would be an unreadable or page-filling glyph.
    if (!(scale > 0 && scale <= 100)) {
      this.problems.push('style.scale');
      scale = 1;
    }
    return {
      color: this.oneOf(s.color, V1_COLORS, 'style.color', 'black'),
      size: this.oneOf(s.size, V1_SIZES, 'style.size', 'small'),
      dash: this.oneOf(s.dash, V1_DASHES, 'style.dash', 'draw'),
      isFilled: this.bool(s.isFilled, 'style.isFilled'),
      scale,
      font: this.oneOf(s.font, V1_FONTS, 'style.font', 'script'),
      textAlign: this.oneOf(s.textAlign, V1_ALIGNS, 'style.textAlign', 'start'),
    };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCoord(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORD;
}
