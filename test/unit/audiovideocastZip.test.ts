import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultZipLimits, readZipDirectory } from '../../src-main/audiovideocast';
import { rejectionOf } from '../helpers/errors';
import { openFilesUnder } from '../helpers/files';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { patchEntryField, writeZip, type ZipItem } from '../helpers/zips';

const MiB = 1024 ** 2;

describe('readZipDirectory: the ZIP integrity check, on untrusted archives', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    removeTempDir(dir);
  });

  const zipOf = async (items: ZipItem[], name = 'pod.zip'): Promise<string> => {
    const path = join(dir, name);
    await writeZip(path, items);
    return path;
  };

  it('lists the entries of a mediacours ZIP with their declared sizes', async () => {
    const path = await zipOf([
      { name: 'pod/', isDirectory: true },
      { name: 'pod/cours.smil', data: '<smil/>' },
      { name: 'pod/pod.mp4', data: Buffer.alloc(1000, 7), compress: false },
    ]);
    const entries = await readZipDirectory(path);
    expect(entries).toEqual([
      { name: 'pod/', compressedSize: 0, uncompressedSize: 0, isDirectory: true },
      {
        name: 'pod/cours.smil',
        compressedSize: expect.any(Number) as number,
        uncompressedSize: 7,
        isDirectory: false,
      },
      { name: 'pod/pod.mp4', compressedSize: 1000, uncompressedSize: 1000, isDirectory: false },
    ]);
    expect(openFilesUnder(dir)).toEqual([]);
  });

  it('exports the documented defaults', () => {
    expect(defaultZipLimits).toEqual({
      maxEntries: 10_000,
      maxTotalBytes: 20 * 1024 ** 3,
      maxEntryBytes: 20 * 1024 ** 3,
      maxRatio: 200,
    });
  });

  it('refuses a file that is not a ZIP, naming it', async () => {
    const path = join(dir, 'notes.zip');
    writeFileSync(path, 'these are not the bytes you are looking for');
    const error = await rejectionOf(readZipDirectory(path));
    expect(error.code).toBe('validation');
    expect(error.text.en).toMatch(/^notes\.zip: not a ZIP file, or its central directory cannot/);
    expect(error.text.fr).toMatch(/^notes\.zip : ce n'est pas un fichier ZIP/);
    expect(openFilesUnder(dir)).toEqual([]);
  });

  it('refuses a ZIP whose central directory is cut or damaged', async () => {
    const path = await zipOf([
      { name: 'pod/a.txt', data: 'a' },
      { name: 'pod/b.txt', data: 'b' },
    ]);
    const bytes = readFileSync(path);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0xdeadbeef, central); // first central directory header signature
    writeFileSync(path, bytes);
    const error = await rejectionOf(readZipDirectory(path));
    expect(error.text.en).toMatch(/central directory cannot be read/);
    expect(openFilesUnder(dir)).toEqual([]);
  });

  it('says not_found for a missing file', async () => {
    const error = await rejectionOf(readZipDirectory(join(dir, 'gone.zip')));
    expect(error.code).toBe('not_found');
  });

  it.each([
    [
      '../evil.txt',
      /"\.\.\/evil\.txt" is refused: the path contains a "\.\." segment \(zip-slip\)/,
    ],
    ['x/../../evil', /"x\/\.\.\/\.\.\/evil" is refused: the path contains a "\.\." segment/],
    ['pod/../pod.mp4', /is refused: the path contains a "\.\." segment/],
    ['/abs.txt', /"\/abs\.txt" is refused: the path is absolute/],
    ['C:/evil.txt', /"C:\/evil\.txt" is refused: the path starts with a drive letter/],
    ['C:\\evil.txt', /is refused: the name contains a backslash/],
    ['pod\\..\\..\\evil.txt', /is refused: the name contains a backslash/],
  ])('refuses the zip-slip entry %j', async (name, message) => {
    const path = await zipOf([
      { name: 'pod/cours.smil', data: '<smil/>' },
      { name, data: 'x' },
    ]);
    const error = await rejectionOf(readZipDirectory(path));
    expect(error.code).toBe('validation');
    expect(error.text.en).toMatch(/^pod\.zip: entry /);
    expect(error.text.en).toMatch(message);
    expect(error.text.fr).toMatch(/^pod\.zip : l'entrée .* est refusée : /);
    expect(openFilesUnder(dir)).toEqual([]);
  });

  it('refuses more entries than maxEntries, and accepts exactly the limit', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({
      name: `pod/${String(i)}.txt`,
      data: 'x',
    }));
    const path = await zipOf(items);
    const error = await rejectionOf(readZipDirectory(path, { maxEntries: 4 }));
    expect(error.text.en).toBe('pod.zip: 5 entries, above the limit of 4');
    expect(await readZipDirectory(path, { maxEntries: 5 })).toHaveLength(5);
  });

  it('refuses an entry above maxEntryBytes and a total above maxTotalBytes', async () => {
    const path = await zipOf([
      { name: 'pod/a.bin', data: randomBytes(3000), compress: false },
      { name: 'pod/b.bin', data: randomBytes(3000), compress: false },
    ]);
    const big = await rejectionOf(readZipDirectory(path, { maxEntryBytes: 2999 }));
    expect(big.text.en).toMatch(/^pod\.zip: entry "pod\/a\.bin" declares 3000 B, above the 2999 B/);
    const total = await rejectionOf(readZipDirectory(path, { maxTotalBytes: 5999 }));
    expect(total.text.en).toMatch(/more than 5999 B in total once extracted/);
    expect(await readZipDirectory(path, { maxTotalBytes: 6000, maxEntryBytes: 3000 })).toHaveLength(
      2,
    );
  });

  it('refuses a zip bomb: 50 MiB of zeros deflated, far above the 200 ratio', async () => {
    const path = await zipOf([{ name: 'pod/pod.mp4', data: Buffer.alloc(50 * MiB) }]);
    const error = await rejectionOf(readZipDirectory(path));
    expect(error.code).toBe('validation');
    expect(error.text.en).toMatch(
      /^pod\.zip: entry "pod\/pod\.mp4" expands \d+ times \(.* → 50\.0 MiB\), above the ratio limit of 200: this looks like a zip bomb/,
    );
    expect(error.text.fr).toMatch(/bombe ZIP/);
  });

  it('checks the ratio only above 1 MiB per entry, and with the given maxRatio', async () => {
    const path = await zipOf([
      { name: 'pod/blank.txt', data: Buffer.alloc(512 * 1024) },
      { name: 'pod/pod.mp4', data: randomBytes(2 * MiB) },
    ]);
    expect(await readZipDirectory(path)).toHaveLength(2);
    const zeros = await zipOf([{ name: 'pod/z.bin', data: Buffer.alloc(2 * MiB) }], 'z.zip');
    await expect(readZipDirectory(zeros, { maxRatio: 100_000 })).resolves.toHaveLength(1);
    await expect(readZipDirectory(zeros, { maxRatio: 200 })).rejects.toThrow(/zip bomb/);
  });

  it('refuses many small high-ratio entries that add up to a bomb', async () => {
    const items = Array.from({ length: 3 }, (_, i) => ({
      name: `pod/${String(i)}.bin`,
      data: Buffer.alloc(MiB - 1),
    }));
    const error = await rejectionOf(readZipDirectory(await zipOf(items)));
    expect(error.text.en).toMatch(/its entries expand to 3\.0 MiB from a .* file.*zip bomb/);
  });

  it('refuses two entries with the same path', async () => {
    const path = await zipOf([
      { name: 'pod/cours.smil', data: '<smil/>' },
      { name: 'pod/cours.smil', data: '<smil>other</smil>' },
    ]);
    const error = await rejectionOf(readZipDirectory(path));
    expect(error.text.en).toBe('pod.zip: the entry "pod/cours.smil" appears twice');
  });

  it('refuses a stored entry whose two declared sizes differ (lying header)', async () => {
    const path = await zipOf([{ name: 'pod/pod.mp4', data: randomBytes(4096), compress: false }]);
    patchEntryField(path, 'pod/pod.mp4', 'uncompressedSize', 100);
    const error = await rejectionOf(readZipDirectory(path));
    expect(error.text.en).toBe(
      'pod.zip: stored entry "pod/pod.mp4" declares two different sizes (4096 and 100 bytes)',
    );
  });
});
