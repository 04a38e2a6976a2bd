import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { bi, RegieError } from '../../ground/errors';

/** A recording's file that cannot be used: the message names it (issue #10 §5). */
export class RecordingFileError extends RegieError {
  readonly file: string;

  constructor(file: string, en: string, fr: string, detail?: string) {
    super(
      'bad_request',
      bi(`${file}: ${en}`, `${file} : ${fr}`),
      detail === undefined ? undefined : { detail },
    );
    this.name = 'RecordingFileError';
    this.file = file;
  }
}

/** A recording's XML or JSON file that does not parse: named, with BBB's fix (one line). */
export function damagedFile(
  file: string,
  kind: 'XML' | 'JSON',
  error: unknown,
): RecordingFileError {
  return new RecordingFileError(
    file,
    `is not valid ${kind}; the recording looks damaged. Rebuild it on the BigBlueButton server (bbb-record --rebuild).`,
    `n’est pas un ${kind} valide ; l’enregistrement semble abîmé. Reconstruisez-le sur le serveur BigBlueButton (bbb-record --rebuild).`,
    error instanceof Error ? error.message : String(error),
  );
}

/** Bounds on what Régie reads into memory from one recording (hostile or broken files). */
export const LIMITS = {
  /** shapes.svg, tldraw.json, panzooms.xml…: read whole; beyond this the file is refused. */
  documentBytes: 64 * 1024 * 1024,
  /** A longer `playback/duration` is refused as implausible (12 h meetings exist). */
  durationS: 24 * 3600,
  annotations: 200_000,
  slides: 20_000,
  chatMessages: 100_000,
} as const;

/** The text of `file` (relative to the recording), or null when absent; refused when too big. */
export async function readDocument(
  dir: string,
  file: string,
  maxBytes: number = LIMITS.documentBytes,
): Promise<string | null> {
  const path = join(dir, file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return null;
  }
  if (size > maxBytes) {
    throw new RecordingFileError(
      file,
      `${Math.round(size / 1e6)} MB is more than the ${Math.round(maxBytes / 1e6)} MB Régie reads for this file; the recording looks damaged.`,
      `${Math.round(size / 1e6)} Mo dépasse les ${Math.round(maxBytes / 1e6)} Mo que Régie lit pour ce fichier ; l'enregistrement semble abîmé.`,
    );
  }
  const handle = await open(path, 'r');
  try {
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}

/**
 * XML from a recording is untrusted: a DOCTYPE may declare entities (billion laughs, external
 * files). BBB never writes any (its shapes.svg DOCTYPE has no internal subset), so any entity
 * declaration is refused rather than expanded.
 */
export function refuseEntities(text: string, file: string): void {
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>[]*\[/i.test(text)) {
    throw new RecordingFileError(
      file,
      'declares XML entities, which BigBlueButton never writes; refused (possible attack or damaged file).',
      'déclare des entités XML, ce que BigBlueButton n’écrit jamais ; refusé (attaque possible ou fichier abîmé).',
    );
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only the five predefined entities and character references; DOCTYPE entities are refused above.
  processEntities: true,
  htmlEntities: false,
});

export type XmlElement = { [name: string]: unknown };

/** Parses a recording's XML file after the entity check; a syntax error names the file. */
export function parseDocument(text: string, file: string): XmlElement {
  refuseEntities(text, file);
  try {
    const parsed = parser.parse(text, true) as unknown;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('empty document');
    return parsed as XmlElement;
  } catch (error) {
    throw damagedFile(file, 'XML', error);
  }
}

/** Every `name` child of `node` as an array (fast-xml-parser gives one object or a list). */
export function elements(node: unknown, name: string): XmlElement[] {
  if (typeof node !== 'object' || node === null) return [];
  const value = (node as XmlElement)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is XmlElement => typeof v === 'object' && v !== null);
}

export function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (typeof node === 'object' && node !== null && '#text' in node)
    return text((node as XmlElement)['#text']);
  return '';
}

export function attr(node: XmlElement, name: string): string | undefined {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number from text, or `fallback`. */
export function num(value: string | undefined, fallback = Number.NaN): number {
  if (value === undefined) return fallback;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : fallback;
}
