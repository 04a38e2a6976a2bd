import type { SlideShow, Warning } from '../model';
import { safeHref } from './href';
import { LIMITS, num } from './files';
import type { Node } from './ordered';

/**
 * The slide intervals of shapes.svg: one `<image class="slide">` per display interval (bbb.md §2).
 * `in` may hold several times (bbb-playback accepts a space-separated list); `out` ends the
 * interval, or the next image's start when absent. Deskshare and logo images are kept as such.
 */
export function readSlides(svg: Node, durationS: number, warnings: Warning[]): SlideShow[] {
  const shows: SlideShow[] = [];
  for (const node of svg.children) {
    if (node.name !== 'image' || !/\bslide\b/.test(node.attrs['class'] ?? '')) continue;
    const id = /(\d+)$/.exec(node.attrs['id'] ?? '');
    const rawHref = node.attrs['xlink:href'] ?? node.attrs['href'] ?? '';
    const href = safeHref(rawHref);
    if (href === null) {
      warnings.push({
        file: 'shapes.svg',
        en: `slide image "${rawHref.slice(0, 80)}" points outside the recording; a neutral frame is shown instead.`,
        fr: `l’image de diapositive « ${rawHref.slice(0, 80)} » pointe hors de l’enregistrement ; une image neutre la remplace.`,
      });
    }
    const width = num(node.attrs['width'], 0);
    const height = num(node.attrs['height'], 0);
    const starts = (node.attrs['in'] ?? '')
      .trim()
      .split(/\s+/)
      .map((v) => num(v));
    const outs = (node.attrs['out'] ?? '')
      .trim()
      .split(/\s+/)
      .map((v) => num(v));
    const kind = /deskshare\.png$/.test(rawHref)
      ? 'deskshare'
      : /logo\.png$/.test(rawHref)
        ? 'logo'
        : 'slide';
    starts.forEach((start, i) => {
      if (!Number.isFinite(start)) return;
      shows.push({
        slideId: id ? Number(id[1]) : shows.length + 1,
        start: Math.max(0, start),
        end: outs[i] ?? Number.NaN,
        href: href ?? '',
        width: width > 0 && width < 100_000 ? width : 1600,
        height: height > 0 && height < 100_000 ? height : 1200,
        kind,
      });
    });
    if (shows.length > LIMITS.slides) break;
  }
  shows.sort((a, b) => a.start - b.start);
  shows.forEach((show, i) => {
    const next = shows[i + 1]?.start ?? durationS;
    if (!Number.isFinite(show.end) || show.end > next) show.end = next;
    if (show.end > durationS) show.end = durationS;
  });
  return shows.filter((s) => s.end > s.start);
}
