import { describe, expect, it } from 'vitest';
import { compositeOver, rasteriseRegion } from '../../src-main/presentation/render/rasterise';

/**
 * resvg panics on a layer (opacity, mask, filter) lying wholly outside the drawn area; with
 * resvg-js 2.6 that aborted the whole process (thx/resvg-js #413). Found by the presentation
 * bench: a tldraw v2 note just off the left edge of a zoomed view.
 */
const offFrameNote =
  '<g transform="translate(-900 -400)"><rect width="200" height="200" fill="#099268"/>' +
  '<rect x="1" y="1" width="198" height="198" fill="#fff" opacity="0.28"/></g>' +
  '<rect x="10" y="10" width="40" height="40" fill="#ff0000" opacity="0.5"/>';

describe('rasteriseRegion', () => {
  it('draws a region holding a layer far off the frame without crashing, and keeps what is on it', async () => {
    const region = await rasteriseRegion(offFrameNote, 1280, 720);
    expect(region).not.toBeNull();
    const frame = Buffer.alloc(1280 * 720 * 4, 255);
    if (region) compositeOver(frame, 1280, region, { x: 0, y: 0, w: 1280, h: 720 });
    // The half-transparent red square is on the frame: pink at (30, 30); white elsewhere.
    const at = (x: number, y: number) => [
      ...frame.subarray((y * 1280 + x) * 4, (y * 1280 + x) * 4 + 3),
    ];
    expect(at(30, 30)[0]).toBeGreaterThan(240);
    expect(at(30, 30)[1]).toBeLessThan(160);
    expect(at(600, 400)).toEqual([255, 255, 255]);
  });

  it('gives null for content wholly off the frame', async () => {
    expect(
      await rasteriseRegion(
        '<rect x="-500" y="-500" width="10" height="10" opacity="0.5"/>',
        1280,
        720,
      ),
    ).toBeNull();
  });
});
