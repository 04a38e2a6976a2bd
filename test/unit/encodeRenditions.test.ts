import { describe, it, expect } from 'vitest';
import {
  parseRenditionHeight,
  podDefaultRenditions,
  selectRenditions,
  type VideoRendition,
} from '../../src-main/media/renditions';

const heights = (plan: ReturnType<typeof selectRenditions>) => ({
  mp4: plan.mp4.map((p) => [p.nominalHeight, p.height]),
  hls: plan.hls.map((p) => [p.nominalHeight, p.height]),
  encodes: plan.encodes.map((p) => p.height),
});

describe('parseRenditionHeight', () => {
  it('reads WxH', () => {
    expect(parseRenditionHeight('1280x720')).toBe(720);
    expect(parseRenditionHeight(' 640 X 360 ')).toBe(360);
  });
  it('refuses anything else', () => {
    expect(() => parseRenditionHeight('720p')).toThrow(/WIDTHxHEIGHT/);
    expect(() => parseRenditionHeight('1280x0')).toThrow();
  });
});

describe('selectRenditions with Pod defaults', () => {
  it('1080p: MP4 360/720, HLS 360/720/1080, each height encoded once', () => {
    expect(heights(selectRenditions(podDefaultRenditions, 1080))).toEqual({
      mp4: [
        [360, 360],
        [720, 720],
      ],
      hls: [
        [360, 360],
        [720, 720],
        [1080, 1080],
      ],
      encodes: [360, 720, 1080],
    });
  });

  it('1078p (odd 1918×1078): no 1080, as Pod with threshold 0', () => {
    expect(heights(selectRenditions(podDefaultRenditions, 1078)).encodes).toEqual([360, 720]);
  });

  it('180p: one 180p variant for both, never upscaled (Pod would make 360p, §8.2.2)', () => {
    expect(heights(selectRenditions(podDefaultRenditions, 180))).toEqual({
      mp4: [[360, 180]],
      hls: [[360, 180]],
      encodes: [180],
    });
  });

  it('an odd small height is rounded down to even', () => {
    expect(heights(selectRenditions(podDefaultRenditions, 241)).encodes).toEqual([240]);
  });

  it('a threshold lets a slightly smaller source have the rendition, at its own height', () => {
    const loose: VideoRendition[] = podDefaultRenditions.map((r) => ({
      ...r,
      encoding_resolution_threshold: 10,
    }));
    expect(heights(selectRenditions(loose, 1000)).hls).toEqual([
      [360, 360],
      [720, 720],
      [1080, 1000],
    ]);
  });

  it('sorts renditions given in any order', () => {
    const shuffled = [...podDefaultRenditions].reverse();
    expect(heights(selectRenditions(shuffled, 720)).encodes).toEqual([360, 720]);
  });

  it('refuses a source without a height', () => {
    expect(() => selectRenditions(podDefaultRenditions, 0)).toThrow();
  });
});
