import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

export interface ZipItem {
  name: string;
  data?: Buffer | string;
  /** Deflate (the default) or store. */
  compress?: boolean;
  isDirectory?: boolean;
}

/** Names yazl refuses to write (or silently rewrites), as a hostile tool would write them. */
const isHostileName = (name: string): boolean =>
  /\\|^\/|^[a-zA-Z]:|(^|\/)\.\.(\/|$)/.test(name) || name.includes('\0');

/** Offsets of every occurrence of `needle` in `haystack`. */
function occurrences(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    found.push(at);
  }
  return found;
}

/**
 * Writes a ZIP with yazl. A hostile name is written as a random placeholder of the same byte
 * length, then patched in the local header and the central directory, which is all a name is.
 */
export async function writeZip(path: string, items: readonly ZipItem[]): Promise<void> {
  const zip = new yazl.ZipFile();
  const patches: [Buffer, Buffer][] = [];
  for (const item of items) {
    let name = item.name;
    if (isHostileName(name)) {
      const raw = Buffer.from(name);
      const placeholder = Buffer.from(
        Array.from(randomBytes(raw.length), (b) => String.fromCharCode(97 + (b % 26))).join(''),
      );
      patches.push([placeholder, raw]);
      name = placeholder.toString();
    }
    if (item.isDirectory) zip.addEmptyDirectory(name);
    else {
      const data = typeof item.data === 'string' ? Buffer.from(item.data) : item.data;
      zip.addBuffer(data ?? Buffer.alloc(0), name, { compress: item.compress ?? true });
    }
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  if (patches.length === 0) return;
  const bytes = readFileSync(path);
  for (const [placeholder, raw] of patches) {
    const at = occurrences(bytes, placeholder);
    if (at.length !== 2) throw new Error(`placeholder found ${String(at.length)} times, not 2`);
    for (const offset of at) raw.copy(bytes, offset);
  }
  writeFileSync(path, bytes);
}

interface HeaderField {
  /** Offset of the field in the local file header (signature 0x04034b50). */
  local: number;
  /** Offset in the central directory header (signature 0x02014b50). */
  central: number;
}

const fields = {
  crc32: { local: 14, central: 16 },
  uncompressedSize: { local: 22, central: 24 },
  compressedSize: { local: 18, central: 20 },
} satisfies Record<string, HeaderField>;

/**
 * Rewrites a 32-bit field of one entry in both headers, to make an archive lie about an entry
 * (yazl writes sizes and CRC in the local header when it adds a buffer).
 */
export function patchEntryField(
  path: string,
  entryName: string,
  field: keyof typeof fields,
  value: number,
): void {
  const bytes = readFileSync(path);
  const name = Buffer.from(entryName);
  let patched = 0;
  for (let at = 0; at + 4 <= bytes.length; at += 1) {
    const signature = bytes.readUInt32LE(at);
    const isLocal = signature === 0x04034b50;
    const isCentral = signature === 0x02014b50;
    if (!isLocal && !isCentral) continue;
    const nameStart = at + (isLocal ? 30 : 46);
    const nameLength = bytes.readUInt16LE(at + (isLocal ? 26 : 28));
    if (!bytes.subarray(nameStart, nameStart + nameLength).equals(name)) continue;
    bytes.writeUInt32LE(value, at + (isLocal ? fields[field].local : fields[field].central));
    patched += 1;
  }
  if (patched !== 2) throw new Error(`${entryName}: patched ${String(patched)} headers, not 2`);
  writeFileSync(path, bytes);
}

/** Every file and folder under `dir`, relative and sorted, to compare a tree before and after. */
export function treeOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const isDir = statSync(full).isDirectory();
      out.push(relative(dir, full) + (isDir ? '/' : ''));
      if (isDir) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * A cours.smil as a mediacours recorder writes it (DOCTYPE included), as in the MediaCours/AudioVideoCast
 * recorder's SmilGen and Pod's test asset pod.zip (../shared/reference/pod-behaviour.md §1.5.2).
 */
const smilHead = `<?xml version="1.0"?>
<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 2.0//EN" "http://www.w3.org/2001/SMIL20/SMIL20.dtd">
<smil xmlns="http://www.w3.org/2001/SMIL20/Language">
<head>
<meta name="title" content="Cours de chimie"/>
<meta name="duration" content="00:10:00"/>
<meta name="author" content="ULP Multimedia"/>
<layout>
<root-layout width="800" height="600"/>
<region id="Images" left="0" width="800" height="600" fit="meet" />
<topLayout width="320" height="240">
<region id="Video" left="0" width="320" height="240" fit="meet"/>
</topLayout>
</layout>
</head>
`;

export function mediacoursSmil(options: {
  images: { src: string; begin: string }[];
  media?: string;
}): string {
  const images = options.images
    .map(
      (i) =>
        `<a href="${i.src}" external="true">\n<img begin="${i.begin}" region="Images" src="${i.src}"/> </a>\n`,
    )
    .join('');
  const media = options.media ?? '<video region="Video" src="pod.mp4" />';
  return `${smilHead}<body>\n<par>\n${images}${media}\n</par>\n</body>\n</smil>`;
}
