import { TextDecoder } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';

/** One `<img>` of the SMIL. `begin` is NaN when the attribute is missing or not a time. */
export interface SmilImage {
  src: string;
  begin: number;
}

export interface SmilContent {
  /** The `src` of the first `<audio>`, else of the first `<video>` (Pod §1.5.2 step 5). */
  mediaSrc: string;
  /** Every `<img>`, in document order. */
  images: SmilImage[];
  /** `<meta name="title" content>`; Pod ignores it, Régie offers it as a default title. */
  title: string | null;
}

/** A slide as Pod stores it: an image enrichment with whole seconds. */
export interface Slide {
  /** 1-based, counted after the skipped first image, like Pod's `slide i` titles. */
  index: number;
  src: string;
  start: number;
  end: number;
}

/** A mediacours SMIL is a few kilobytes; anything near this is not one. */
export const maxSmilBytes = 5 * 1024 ** 2;

const smilError = (sourceName: string, text: Bilingual, cause?: unknown): RegieError =>
  new RegieError('validation', bi(`${sourceName}: ${text.en}`, `${sourceName} : ${text.fr}`), {
    cause,
  });

const malformed = (sourceName: string, en: string, fr: string): RegieError =>
  smilError(
    sourceName,
    bi(`the SMIL is not well-formed XML (${en})`, `le SMIL n'est pas un XML bien formé (${fr})`),
  );

/**
 * SMIL bytes to text: a BOM wins, then the XML declaration's `encoding`, else UTF-8 (what expat,
 * hence Pod's minidom, assumes). Invalid bytes are an error, not replacement characters.
 */
export function decodeSmilBytes(bytes: Uint8Array, sourceName = 'cours.smil'): string {
  let label = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
  else {
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) label = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch (error) {
    throw smilError(
      sourceName,
      bi(`unsupported encoding "${label}"`, `encodage « ${label} » non pris en charge`),
      error,
    );
  }
  try {
    return decoder.decode(bytes.subarray(start));
  } catch (error) {
    throw smilError(
      sourceName,
      bi(`the file is not valid ${label} text`, `le fichier n'est pas un texte ${label} valide`),
      error,
    );
  }
}

const predefinedEntities: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * The parser runs with entity processing off (no expansion at all), so attribute values still
 * hold references: decode the five predefined entities and character references, in one pass
 * (`&amp;lt;` gives `&lt;`, never `<`). Anything else is a reference to an undeclared entity,
 * which XML calls malformed.
 */
function decodeReferences(value: string, sourceName: string): string {
  return value.replace(/&([^&;\s]*)(;?)/g, (ref, body: string, semicolon: string) => {
    let text: string | undefined;
    if (semicolon && body.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(body)
        ? parseInt(body.slice(2), 16)
        : /^#[0-9]{1,7}$/.test(body)
          ? parseInt(body.slice(1), 10)
          : NaN;
      const isValid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      if (isValid) text = String.fromCodePoint(code);
    } else if (semicolon) {
      text = predefinedEntities[body];
    }
    if (text === undefined) {
      throw malformed(
        sourceName,
        `unknown or broken reference "${ref}"`,
        `référence inconnue ou incorrecte « ${ref} »`,
      );
    }
    return text;
  });
}

/**
 * Billion laughs and external entities (XXE) need a DTD that declares entities. A mediacours
 * SMIL does start with `<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 2.0//EN" "…SMIL20.dtd">` (the
 * recorder writes it), so a DOCTYPE with only an external identifier is accepted (and never
 * fetched), like defusedxml does for Pod; an internal subset `[…]` or any `<!ENTITY` is refused.
 */
function refuseDtdDeclarations(xml: string, sourceName: string): void {
  if (/<!ENTITY/i.test(xml) || /<!DOCTYPE[^>[]*\[/i.test(xml)) {
    throw smilError(
      sourceName,
      bi(
        'the SMIL declares a DTD internal subset or entities (<!ENTITY>), which Régie refuses: entity expansion can exhaust memory',
        "le SMIL déclare un sous-ensemble DTD interne ou des entités (<!ENTITY>), que Régie refuse : l'expansion d'entités peut épuiser la mémoire",
      ),
    );
  }
}

interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** The parser's `preserveOrder` output: `[{ tag: children[], ':@': { attr: value } }, { '#text': … }]`. */
type OrderedNode = Record<string, unknown>;

const isRecord = (value: unknown): value is OrderedNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function elementOf(node: unknown): { element: Element; children: unknown[] } | null {
  if (!isRecord(node)) return null;
  const name = Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#'));
  if (name === undefined) return null;
  const rawAttributes = node[':@'];
  const attributes: Record<string, string> = {};
  if (isRecord(rawAttributes)) {
    for (const [key, value] of Object.entries(rawAttributes)) {
      if (typeof value === 'string') attributes[key] = value;
    }
  }
  const children = node[name];
  return { element: { name, attributes }, children: Array.isArray(children) ? children : [] };
}

/** Every element in document order, without recursion (a deeply nested file cannot overflow). */
function* elementsInOrder(roots: unknown[]): Generator<Element> {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const found = elementOf(stack.pop());
    if (!found) continue;
    yield found.element;
    for (let i = found.children.length - 1; i >= 0; i -= 1) stack.push(found.children[i]);
  }
}

const timeUnits: Record<string, number> = { h: 3600, min: 60, s: 1, ms: 0.001 };

/**
 * A `begin` attribute in seconds. Mediacours writes plain decimals (`12.34`), which is all Pod's
 * `float()` reads; SMIL clock values (`12.3s`, `1:02:03.5`, `02:03`) are accepted too. NaN when
 * it is none of these.
 */
export function parseClockValue(text: string | undefined): number {
  const value = (text ?? '').trim();
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value)) return Number(value);
  const timecount = /^(\d+(?:\.\d+)?)(h|min|s|ms)$/.exec(value);
  if (timecount) return Number(timecount[1]) * (timeUnits[timecount[2] ?? ''] ?? NaN);
  const clock = /^(?:(\d+):)?([0-5]\d):([0-5]\d(?:\.\d+)?)$/.exec(value);
  if (clock) {
    return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  }
  return NaN;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Reads a mediacours `cours.smil` (../shared/reference/pod-behaviour.md §1.5.2): the media
 * source, the slide images in document order (fast-xml-parser groups same-name siblings unless
 * `preserveOrder` is on, which would reorder `<img>` spread across nested `<par>`/`<a>`), and
 * the title. Tag names are compared exactly, like minidom's `getElementsByTagName`.
 */
export function parseSmil(xml: string, sourceName = 'cours.smil'): SmilContent {
  if (xml.length > maxSmilBytes) {
    throw smilError(sourceName, bi('the SMIL is larger than 5 MiB', 'le SMIL dépasse 5 Mio'));
  }
  const text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  refuseDtdDeclarations(text, sourceName);
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    const where = `${msg}, line ${String(line)}, column ${String(col)}`;
    throw malformed(sourceName, where, `${msg}, ligne ${String(line)}, colonne ${String(col)}`);
  }
  let parsed: unknown[];
  try {
    parsed = parser.parse(text) as unknown[];
  } catch (error) {
    // The validator passed but the parser has its own limits (nesting depth, …).
    const detail = error instanceof Error ? error.message : String(error);
    throw malformed(sourceName, detail, detail);
  }
  const roots = parsed.filter((node) => elementOf(node) !== null);
  const rootName = roots.length === 1 ? elementOf(roots[0])?.element.name : undefined;
  if (rootName !== 'smil') {
    throw smilError(
      sourceName,
      bi(
        'not a SMIL document (expected one <smil> root element)',
        "ce n'est pas un document SMIL (un seul élément racine <smil> attendu)",
      ),
    );
  }

  let audio: Element | undefined;
  let video: Element | undefined;
  let title: string | null = null;
  let hasTitle = false;
  const images: SmilImage[] = [];
  const attribute = (element: Element, name: string): string | undefined => {
    const raw = element.attributes[name];
    return raw === undefined ? undefined : decodeReferences(raw, sourceName);
  };
  for (const element of elementsInOrder(roots)) {
    if (element.name === 'audio') audio ??= element;
    else if (element.name === 'video') video ??= element;
    else if (element.name === 'img') {
      images.push({
        src: attribute(element, 'src') ?? '',
        begin: parseClockValue(attribute(element, 'begin')),
      });
    } else if (element.name === 'meta' && !hasTitle && attribute(element, 'name') === 'title') {
      hasTitle = true;
      title = attribute(element, 'content')?.trim() || null;
    }
  }

  // Pod takes the first <audio> even when it has no src, and then stops with this error.
  const mediaSrc = attribute(audio ?? video ?? { name: '', attributes: {} }, 'src') ?? '';
  if (mediaSrc === '') {
    throw smilError(
      sourceName,
      bi(
        'No video source found (no <audio> or <video> with a src)',
        'aucune source vidéo trouvée (pas de <audio> ni de <video> avec un src)',
      ),
    );
  }
  return { mediaSrc, images, title };
}

/**
 * Python's `round()` to an integer: half to even (2.5 → 2, 3.5 → 4, -2.5 → -2), which Pod uses
 * for slide times (§8.1.13; `Math.round` gives 3 for 2.5). The fractional part of a double is
 * exact, so the .5 test is exact.
 */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const floor = Math.floor(x);
  const fraction = x - floor;
  const rounded =
    fraction > 0.5 ? floor + 1 : fraction < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return rounded === 0 ? 0 : rounded; // no -0
}

/**
 * Slides from the SMIL images, as Pod's `save_enrichment` makes them (§1.5.2 step 8): the first
 * image skipped when asked (RECORDER_SKIP_FIRST_IMAGE), start = round-half-even(begin), each
 * slide ending one second before the next starts. Two Pod bugs are fixed (§8.1.13):
 * - Pod sets the previous end to `t-1` only when `t-1 > 0` and never compares it with the
 *   previous start, so equal or adjacent times give end < start. Here end = max(start,
 *   next start - 1): never before its start (when the next slide starts at 0 or 1 this gives
 *   end = start where Pod would keep start + 1).
 * - Pod's last slide ends at the video duration only if encoding already finished, which it
 *   usually has not, so it keeps start + 1. Here it ends at the probed media duration (whole
 *   seconds, floored so it never passes the duration Pod stores) when that is after its start.
 */
export function slidesFromImages(
  images: readonly SmilImage[],
  options: { skipFirst: boolean; durationS: number | null },
): Slide[] {
  const kept = options.skipFirst ? images.slice(1) : images;
  const slides: Slide[] = kept.map((image, i) => {
    const index = i + 1;
    if (!Number.isFinite(image.begin) || image.begin < 0) {
      const src = image.src === '' ? '' : ` (${image.src})`;
      throw new RegieError(
        'validation',
        bi(
          `slide ${String(index)}${src}: its begin time is missing or not a number of seconds ≥ 0`,
          `diapositive ${String(index)}${src} : son temps de début manque ou n'est pas un nombre de secondes ≥ 0`,
        ),
      );
    }
    const start = roundHalfEven(image.begin);
    return { index, src: image.src, start, end: start + 1 };
  });
  const duration =
    options.durationS !== null && Number.isFinite(options.durationS)
      ? Math.floor(options.durationS)
      : null;
  slides.forEach((slide, i) => {
    const next = slides[i + 1];
    if (next) slide.end = Math.max(slide.start, next.start - 1);
    else if (duration !== null && duration > slide.start) slide.end = duration;
  });
  return slides;
}
