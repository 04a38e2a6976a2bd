import sharp from 'sharp';
import type { ChatMessage } from '../model';
import { fit, type FrameLayout } from './geometry';
import { compositeOver, rasteriseRegion } from './rasterise';
import type { SlideImages } from './slideImages';
import { slideLayer } from './slideLayer';
import { chatSvg, drawingsSvg } from './stateSvg';
import type { PictureState } from './timeline';

/**
 * Draws picture states, in time order, as PNG frames of the whole output. Two savings, both
 * measured on a 30-minute recording (resvg costs ~30 ms per 1280×720 document before it draws
 * anything, and a slide image ~80 ms):
 * - the slide layer of a (slide, view) pair is drawn once and kept (the last few);
 * - a state that only adds drawings on top of the previous one (the usual case: a new shape)
 *   is the previous picture plus those drawings, not everything drawn again.
 */
export class FrameRenderer {
  private readonly backgrounds = new Map<string, Promise<Buffer>>();
  private previous: { state: PictureState; pixels: Buffer } | null = null;

  constructor(
    private readonly layout: FrameLayout,
    private readonly images: SlideImages,
    private readonly chat: { messages: ChatMessage[]; locale: 'en' | 'fr' } | null,
  ) {}

  /** The RGBA picture of `state`; call in time order for the incremental saving. */
  async pixels(state: PictureState): Promise<Buffer> {
    const added = this.addedSince(state);
    const base = Buffer.from(
      added && this.previous ? this.previous.pixels : await this.background(state),
    );
    const { width, height } = this.layout;
    const drawings = drawingsSvg(state, this.layout, added ?? state.annotations);
    if (drawings !== '') {
      const region = await rasteriseRegion(drawings, width, height);
      // Cut at the view box, as the player's SVG cuts drawings past its edge.
      if (region) {
        const clip = state.view ? fit(state.view, this.layout.slideBox) : this.layout.slideBox;
        compositeOver(base, width, region, clip);
      }
    }
    if (!added) {
      const panel = chatSvg(state, this.layout, this.chat);
      const region = panel === '' ? null : await rasteriseRegion(panel, width, height);
      if (region) compositeOver(base, width, region, { x: 0, y: 0, w: width, h: height });
    }
    this.previous = { state, pixels: base };
    return base;
  }

  /** RGBA → PNG (fast compression: the file is read once, by ffmpeg). */
  png(pixels: Buffer): Promise<Buffer> {
    return sharp(pixels, {
      raw: { width: this.layout.width, height: this.layout.height, channels: 4 },
    })
      .removeAlpha()
      .png({ compressionLevel: 1, adaptiveFiltering: false })
      .toBuffer();
  }

  /** The drawings `state` adds on top of the previous picture, or null if it is not that. */
  private addedSince(state: PictureState): PictureState['annotations'] | null {
    const before = this.previous?.state;
    if (!before || before.layerKey !== state.layerKey) return null;
    if (before.chatFrom !== state.chatFrom || before.chatCount !== state.chatCount) return null;
    const old = before.annotations;
    if (old.length > state.annotations.length) return null;
    for (let i = 0; i < old.length; i++) if (old[i] !== state.annotations[i]) return null;
    return state.annotations.slice(old.length);
  }

  private background(state: PictureState): Promise<Buffer> {
    const key = state.layerKey;
    const cached = this.backgrounds.get(key);
    if (cached) {
      this.backgrounds.delete(key);
      this.backgrounds.set(key, cached);
      return cached;
    }
    const pixels = slideLayer(state, this.layout, this.images);
    this.backgrounds.set(key, pixels);
    if (this.backgrounds.size > 6) {
      const oldest = this.backgrounds.keys().next().value;
      if (oldest !== undefined) this.backgrounds.delete(oldest);
    }
    return pixels;
  }
}
