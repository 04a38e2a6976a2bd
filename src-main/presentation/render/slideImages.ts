import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warning } from '../model';

/** A slide image larger than this is not drawn (a neutral frame is shown, with a warning). */
const MAX_SLIDE_BYTES = 64 * 1024 * 1024;

/**
 * The slide images of one recording, read once each. Slide SVGs
 * are untrusted (issue #10 §5): scripts, event handlers, foreignObject and every reference that
 * is not inside the document (`#id`) or an embedded raster (`data:image/png|jpeg|gif`) are
 * removed before drawing, and a DOCTYPE with entities makes the slide unusable.
 */
/** A slide ready to draw: a sanitised SVG document, or raster bytes (PNG/JPEG). */
export type SlideSource = { kind: 'svg'; svg: string } | { kind: 'raster'; bytes: Buffer };

export class SlideImages {
  private readonly cache = new Map<string, SlideSource | null>();

  constructor(
    private readonly dir: string,
    private readonly warnings: Warning[],
  ) {}

  /** The slide at `href` (an already checked relative path), or null → neutral frame. */
  async get(href: string): Promise<SlideSource | null> {
    if (this.cache.has(href)) return this.cache.get(href) ?? null;
    const uri = await this.load(href);
    this.cache.set(href, uri);
    return uri;
  }

  private async load(href: string): Promise<SlideSource | null> {
    if (href === '') return null;
    const path = join(this.dir, href);
    let bytes: Buffer;
    try {
      const size = (await stat(path)).size;
      if (size > MAX_SLIDE_BYTES) {
        this.warn(
          href,
          `is ${Math.round(size / 1e6)} MB, too big to draw; a neutral frame is shown.`,
          `fait ${Math.round(size / 1e6)} Mo, trop gros pour être dessiné ; une image neutre le remplace.`,
        );
        return null;
      }
      bytes = await readFile(path);
    } catch {
      this.warn(
        href,
        'is missing; a neutral frame with the slide number is shown instead.',
        'est absent ; une image neutre avec le numéro de la diapositive le remplace.',
      );
      return null;
    }
    const mime = sniff(bytes);
    if (mime === null) {
      this.warn(
        href,
        'is not a PNG, JPEG or SVG image; a neutral frame is shown.',
        'n’est pas une image PNG, JPEG ou SVG ; une image neutre la remplace.',
      );
      return null;
    }
    if (mime !== 'image/svg+xml') return { kind: 'raster', bytes };
    const source = bytes.toString('utf8');
    const clean = sanitiseSvg(source);
    if (clean === null) {
      this.warn(
        href,
        'declares XML entities; refused, a neutral frame is shown.',
        'déclare des entités XML ; refusé, une image neutre la remplace.',
      );
      return null;
    }
    // BBB's slide SVGs (pdftocairo) hold none of what is removed: say that something was.
    if (clean !== source) {
      this.warn(
        href,
        'holds scripts, event handlers or links outside the slide; they were removed before drawing.',
        'contient des scripts, des gestionnaires d’événements ou des liens hors de la diapositive ; ils ont été retirés avant le dessin.',
      );
    }
    return { kind: 'svg', svg: clean };
  }

  private warn(file: string, en: string, fr: string): void {
    this.warnings.push({ file, en, fr });
  }
}

function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  const head = bytes.subarray(0, 1024).toString('utf8');
  if (/<svg[\s>]/i.test(head) || /^\s*<\?xml/.test(head)) return 'image/svg+xml';
  return null;
}

/** Removes what could reach outside the document or run code; null when entities are declared. */
export function sanitiseSvg(source: string): string | null {
  if (/<!ENTITY/i.test(source) || /<!DOCTYPE[^>[]*\[/i.test(source)) return null;
  return (
    source
      .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
      .replace(/<script\b[^>]*\/>/gi, '')
      .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
      .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
      .replace(
        /\s(?:xlink:)?href\s*=\s*("([^"]*)"|'([^']*)')/gi,
        (whole, _q, dq?: string, sq?: string) => {
          const value = (dq ?? sq ?? '').trim();
          return value.startsWith('#') || /^data:image\/(png|jpeg|gif);base64,/i.test(value)
            ? whole
            : '';
        },
      )
      .replace(/url\(\s*(['"]?)(?!#)[^)]*\1\s*\)/gi, 'none')
      .replace(/@import[^;]*;/gi, '')
      // No filter effects: resvg-js 2.6 aborts the process on a filtered element outside the
      // drawn area (thx/resvg-js #413), which a zoomed view makes routine. Slides rarely use them.
      .replace(/\sfilter\s*=\s*("[^"]*"|'[^']*')/gi, '')
      .replace(/filter\s*:\s*url\([^)]*\)\s*;?/gi, '')
  );
}
