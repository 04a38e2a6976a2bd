import { XMLParser } from 'fast-xml-parser';
import { damagedFile, refuseEntities } from './files';

/** An element in document order: name, attributes, children; text nodes have name '#text'. */
export interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

/** Parses a document keeping element order (shapes.svg: paint order matters). */
export function parseOrdered(source: string, file: string): Node[] {
  refuseEntities(source, file);
  let raw: unknown;
  try {
    raw = parser.parse(source, true);
  } catch (error) {
    throw damagedFile(file, 'XML', error);
  }
  return convert(raw);
}

function convert(list: unknown): Node[] {
  if (!Array.isArray(list)) return [];
  const out: Node[] = [];
  for (const item of list as Record<string, unknown>[]) {
    const attrs: Record<string, string> = {};
    const rawAttrs = item[':@'];
    if (rawAttrs && typeof rawAttrs === 'object') {
      for (const [key, value] of Object.entries(rawAttrs))
        if (typeof value === 'string') attrs[key] = value;
    }
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') out.push({ name: '#text', attrs, children: [], text: String(value) });
      else out.push({ name: key, attrs, children: convert(value), text: '' });
    }
  }
  return out;
}

export function* walk(nodes: Node[]): Generator<Node> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children);
  }
}
