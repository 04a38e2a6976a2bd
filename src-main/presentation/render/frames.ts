import sharp from 'sharp';
import type { ChatMessage } from '../model';
import type { FrameLayout } from './geometry';
import { compositeOver, rasterise } from './rasterise';
import type { SlideImages } from './slideImages';
import { backgroundSvg, overlaySvg } from './stateSvg';
import type { PictureState } from './timeline';

/**
 * Draws picture states as PNG frames of the whole output. The slide layer of a (slide, view)
 * pair is drawn once and kept (a few, least recently used first out), the drawings are drawn
 * on a transparent layer and laid over it: most states differ from the previous one by one
 * drawing, and the slide image (a 1600×1200 PNG or a vector page) is the costly part.
 */
export class FrameRenderer {
  private readonly backgrounds = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly layout: FrameLayout,
    private readonly images: SlideImages,
    private readonly chat: { messages: ChatMessage[]; locale: 'en' | 'fr' } | null,
  ) {}

  async render(state: PictureState): Promise<Buffer> {
    const overlay = overlaySvg(state, this.layout, this.chat);
    const [background, top] = await Promise.all([
      this.background(state),
      overlay === null ? null : rasterise(overlay),
    ]);
    const base = Buffer.from(background);
    if (top) compositeOver(base, top);
    return sharp(base, {
      raw: { width: this.layout.width, height: this.layout.height, channels: 4 },
    })
      .removeAlpha()
      .png({ compressionLevel: 1, adaptiveFiltering: false })
      .toBuffer();
  }

  private background(state: PictureState): Promise<Buffer> {
    const key = state.layerKey;
    const cached = this.backgrounds.get(key);
    if (cached) {
      this.backgrounds.delete(key);
      this.backgrounds.set(key, cached);
      return cached;
    }
    const pixels = (async () => {
      const uri = state.show ? await this.images.get(state.show.href) : null;
      return rasterise(backgroundSvg(state, this.layout, uri));
    })();
    this.backgrounds.set(key, pixels);
    if (this.backgrounds.size > 6) {
      const oldest = this.backgrounds.keys().next().value;
      if (oldest !== undefined) this.backgrounds.delete(oldest);
    }
    return pixels;
  }
}
