import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { scanShapesImages } from '../../src-main/presentation/source';
import { playerFrameRecording } from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

describe('scanShapesImages (issue 10 §1: the images shapes.svg draws)', () => {
  it('lists the slides of the 2.5 and 2.7 fixtures once each, in order', async () => {
    const v25 = await scanShapesImages(join(playerFrameRecording('v25').folder, 'shapes.svg'));
    expect(v25.paths.map((p) => p.replace(/^presentation\/[^/]+\//, ''))).toEqual([
      'slide-1.png',
      'slide-2.png',
      'slide-3.png',
    ]);
    const v27 = await scanShapesImages(join(playerFrameRecording('v27').folder, 'shapes.svg'));
    expect(v27.paths.map((p) => p.replace(/^presentation\/[^/]+\//, ''))).toEqual([
      'svgs/slide1.svg',
      'svgs/slide2.svg',
      'svgs/slide3.svg',
    ]);
    expect(v25.refused).toEqual([]);
  });

  it('reads a 40 MB shapes.svg in chunks, finding tags cut across chunk ends', async () => {
    const path = join(dir, 'shapes.svg');
    const out = createWriteStream(path);
    out.write('<svg xmlns:xlink="http://www.w3.org/1999/xlink">\n');
    const stroke = `<g class="shape"><path d="${'L1.0 2.0'.repeat(400)}"/></g>\n`;
    const expected: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      // A varying pad moves the tags across the 64 KiB read boundaries.
      if (!out.write(stroke + ' '.repeat(i % 97))) await once(out, 'drain');
      if (i % 100 === 0) {
        const href = `presentation/p/slide-${String(i / 100)}.png`;
        expected.push(href);
        out.write(`<image class="slide" in="0" out="1"\n   xlink:href="${href}" width="1"/>`);
        // The same slide shown again is listed once.
        out.write(`<image class="slide" xlink:href='${href}'/>`);
      }
    }
    out.write(`<imagex href="presentation/not-an-image.png"/><image href="a&amp;b.png"/></svg>`);
    out.end();
    await once(out, 'finish');
    const refs = await scanShapesImages(path);
    expect(refs.paths).toEqual(expected);
    expect(refs.refused).toEqual(['a&b.png']);
  });

  it('drops a tag that never closes instead of holding the file in memory', async () => {
    const path = join(dir, 'shapes.svg');
    writeFileSync(
      path,
      `<svg><image href="presentation/a.png" x="${'9'.repeat(3_000_000)}<image href="presentation/b.png"/></svg>`,
    );
    expect((await scanShapesImages(path)).paths).toEqual(['presentation/b.png']);
  });
});
