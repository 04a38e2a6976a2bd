import { XMLParser } from 'fast-xml-parser';

/** A parsed XML element: text, or children by name (attributes under `@_name`). */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] | undefined };

/** Elements that repeat (bbb.md §0.2): always arrays, whether one or many came. */
const repeated = new Set([
  'meeting',
  'attendee',
  'recording',
  'format',
  'image',
  'breakout',
  'breakoutRoom',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay text; each field is converted on purpose (BBB sends "true", digits, ids with zeros).
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // CDATA is merged into the text: `<![CDATA[]]>` is the empty string.
  processEntities: true,
  htmlEntities: false,
  isArray: (tagName, jPath) =>
    repeated.has(tagName) &&
    // `<metadata><meeting>…` or `<customdata>` are free-form: only the API's own lists repeat.
    !/\.(metadata|customdata|meta)\./.test(String(jPath)),
  jPath: true,
});

/** Parses an API answer; throws a SyntaxError-like Error on text that is not XML. */
export function parseXml(text: string): { [name: string]: XmlNode | XmlNode[] | undefined } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed.startsWith('<')) throw new Error('the answer is not XML');
  const parsed = parser.parse(trimmed, true) as unknown;
  if (typeof parsed !== 'object' || parsed === null) throw new Error('the answer is not XML');
  return parsed as { [name: string]: XmlNode | XmlNode[] | undefined };
}

type Element = { [name: string]: XmlNode | XmlNode[] | undefined };

/** The element `name` of `node`, or undefined (text, absent or empty container). */
export function child(node: XmlNode | XmlNode[] | undefined, name: string): Element | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const value = node[name];
  if (value === undefined || typeof value === 'string' || Array.isArray(value)) return undefined;
  return value;
}

/** Every `name` child of `node` (forced arrays; an empty container gives []). */
export function children(node: XmlNode | XmlNode[] | undefined, name: string): Element[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is Element => typeof v === 'object');
}

/** The trimmed text of `node[name]` (`<a/>` and absent give ''); an element with text gives it. */
export function text(node: XmlNode | XmlNode[] | undefined, name: string): string {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return '';
  const value = node[name];
  if (value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return '';
  const inner = value['#text'];
  return typeof inner === 'string' ? inner.trim() : '';
}

/** Every text child of a free-form element (metadata, customdata): keys as sent. */
export function textMap(node: Element | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!node) return out;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_')) continue;
    if (typeof value === 'string') out[key] = value.trim();
    else if (value !== undefined && !Array.isArray(value)) {
      const inner = value['#text'];
      out[key] = typeof inner === 'string' ? inner.trim() : '';
    }
  }
  return out;
}

export type { Element as XmlElement };
