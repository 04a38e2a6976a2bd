/** What the tldraw v1 and v2 record writers share. */
import { createRandom, hashString } from './options.js';

export interface ShapeGeometry {
  /** Top-left and size in page units. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Stroke points of this version, relative to (x, y) of the whole stroke. */
  points: [number, number][];
  isComplete: boolean;
  /** Per page, from 1. */
  childIndex: number;
}

/** A stable id per shape, in the given alphabet (tldraw v1 uses UUIDs, v2 `shape:` + 12 chars). */
export function stableId(uid: number, length: number, alphabet: string): string {
  const random = createRandom(hashString(`shape-${uid}`));
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)] ?? '0';
  return id;
}
