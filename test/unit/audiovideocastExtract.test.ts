import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  extractAudiovideocast,
  slidesFromImages,
  type SmilImage,
} from '../../src-main/audiovideocast';
import { rejectionOf } from '../helpers/errors';
import { namesIn, openFilesUnder, sha256 } from '../helpers/files';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { mediacoursSmil, patchEntryField, treeOf, writeZip, type ZipItem } from '../helpers/zips';

const MB = 1000 * 1000;
const jpeg = (n: number): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, n)]);

const slideImages = [
  { src: 'screenshots/D1.jpg', begin: '0' },
  { src: 'screenshots/D2.jpg', begin: '2.5' },
  { src: 'screenshots/D3.jpg', begin: '3.5' },
  { src: 'screenshots/D4.jpg', begin: '60.2' },
];

/** A mediacours ZIP as the recorder uploads it (../shared/reference/pod-behaviour.md §1.5.2). */
function mediacoursItems(
  options: { media?: Buffer; smil?: string; images?: typeof slideImages } = {},
): ZipItem[] {
  const images = options.images ?? slideImages;
  return [
    { name: 'pod/', isDirectory: true },
    { name: 'pod/cours.smil', data: options.smil ?? mediacoursSmil({ images }) },
    { name: 'pod/pod.mp4', data: options.media ?? randomBytes(50_000), compress: false },
    ...images.map((image, i) => ({ name: `pod/${image.src}`, data: jpeg(i) })),
    { name: '__MACOSX/pod/._pod.mp4', data: 'resource fork' },
  ];
}

describe('extractAudiovideocast (pod-behaviour.md §1.5.2, §8.1.13, §8.1.14, §8.1.20)', () => {
  let parent: string;
  let dest: string;
  beforeEach(() => {
    parent = makeTempDir();
    dest = join(parent, 'out');
  });
  afterEach(() => {
    removeTempDir(parent);
  });

  const zipAt = async (items: ZipItem[], name = 'pod.zip'): Promise<string> => {
    const path = join(parent, name);
    await writeZip(path, items);
    return path;
  };

  /** After a failure: the parent holds only the ZIP (and dest if it existed), nothing else. */
  const expectNothingWritten = (zipName = 'pod.zip') => {
    expect(treeOf(parent)).toEqual([zipName]);
    expect(openFilesUnder(parent)).toEqual([]);
  };

  it('extracts the media and the slide images under <dest>/<mediaName>/, with Pod slide times', async () => {
    const media = randomBytes(50_000);
    const zip = await zipAt(mediacoursItems({ media }));
    const content = await extractAudiovideocast(zip, dest);

    expect(content.mediaName).toBe('pod');
    expect(content.smilTitle).toBe('Cours de chimie');
    expect(content.mediaPath).toBe(join(dest, 'pod', 'pod.mp4'));
    expect(readFileSync(content.mediaPath).equals(media)).toBe(true);
    const shot = (n: number) => join(dest, 'pod', 'screenshots', `D${String(n)}.jpg`);
    expect(content.slides).toEqual([
      { index: 1, src: 'screenshots/D1.jpg', start: 0, end: 1, imagePath: shot(1) },
      // 2.5 → 2 and 3.5 → 4 (round half to even); end never before start.
      { index: 2, src: 'screenshots/D2.jpg', start: 2, end: 3, imagePath: shot(2) },
      { index: 3, src: 'screenshots/D3.jpg', start: 4, end: 59, imagePath: shot(3) },
      { index: 4, src: 'screenshots/D4.jpg', start: 60, end: 61, imagePath: shot(4) },
    ]);
    for (const [i, slide] of content.slides.entries()) {
      expect(readFileSync(slide.imagePath ?? '').equals(jpeg(i))).toBe(true);
    }
    // Only what the SMIL names: no __MACOSX, no temporary files, no cours.smil copy.
    expect(treeOf(dest)).toEqual([
      'pod/',
      'pod/pod.mp4',
      'pod/screenshots/',
      'pod/screenshots/D1.jpg',
      'pod/screenshots/D2.jpg',
      'pod/screenshots/D3.jpg',
      'pod/screenshots/D4.jpg',
    ]);
    expect(openFilesUnder(parent)).toEqual([]);
  });

  it('returns slides the caller recomputes with the probed duration', async () => {
    const content = await extractAudiovideocast(await zipAt(mediacoursItems()), dest);
    const images: SmilImage[] = slideImages.map((i) => ({ src: i.src, begin: Number(i.begin) }));
    const slides = slidesFromImages(images, { skipFirst: false, durationS: 612.8 });
    expect(slides.at(-1)).toEqual({ ...content.slides.at(-1), imagePath: undefined, end: 612 });
  });

  it('streams a 30 MB media entry to a file of the right size and content, inside dest', async () => {
    const media = randomBytes(30 * MB);
    const zip = await zipAt(mediacoursItems({ media }));
    const content = await extractAudiovideocast(zip, dest);

    expect(statSync(content.mediaPath).size).toBe(30 * MB);
    expect(sha256(content.mediaPath)).toBe(createHash('sha256').update(media).digest('hex'));
    for (const path of [content.mediaPath, ...content.slides.map((s) => s.imagePath ?? '')]) {
      expect(path.startsWith(dest + sep)).toBe(true);
    }
    expect(namesIn(parent)).toEqual(['out', 'pod.zip']);
  });

  it('skips the first image when asked (RECORDER_SKIP_FIRST_IMAGE) and does not extract it', async () => {
    const zip = await zipAt(mediacoursItems());
    const content = await extractAudiovideocast(zip, dest, { skipFirstImage: true });
    expect(content.slides.map((s) => [s.index, s.src, s.start, s.end])).toEqual([
      [1, 'screenshots/D2.jpg', 2, 3],
      [2, 'screenshots/D3.jpg', 4, 59],
      [3, 'screenshots/D4.jpg', 60, 61],
    ]);
    expect(treeOf(join(dest, 'pod', 'screenshots'))).toEqual(['D2.jpg', 'D3.jpg', 'D4.jpg']);
  });

  it('keeps a slide whose image is missing or empty, with imagePath null', async () => {
    const items = mediacoursItems().filter((i) => i.name !== 'pod/screenshots/D2.jpg');
    const empty = items.find((i) => i.name === 'pod/screenshots/D3.jpg');
    if (empty) empty.data = Buffer.alloc(0);
    const content = await extractAudiovideocast(await zipAt(items), dest);
    expect(content.slides.map((s) => s.imagePath !== null)).toEqual([true, false, false, true]);
    expect(treeOf(join(dest, 'pod', 'screenshots'))).toEqual(['D1.jpg', 'D4.jpg']);
  });

  it('extracts an image used by two slides once', async () => {
    const images = [
      { src: 'screenshots/D1.jpg', begin: '0' },
      { src: 'screenshots/D1.jpg', begin: '10' },
    ];
    const items = mediacoursItems({ images }).filter(
      (item, i, all) => all.findIndex((o) => o.name === item.name) === i,
    );
    const content = await extractAudiovideocast(await zipAt(items), dest);
    expect(content.slides.map((s) => s.imagePath)).toEqual([
      join(dest, 'pod', 'screenshots', 'D1.jpg'),
      join(dest, 'pod', 'screenshots', 'D1.jpg'),
    ]);
  });

  it('uses the first <audio> as the media even after a <video> (§8.1.13)', async () => {
    const smil = mediacoursSmil({
      images: slideImages,
      media: '<video src="pod.mp4"/><audio src="enregistrement-micro.mp3"/>',
    });
    const items = [
      ...mediacoursItems({ smil }),
      { name: 'pod/enregistrement-micro.mp3', data: randomBytes(1000) },
    ];
    const content = await extractAudiovideocast(await zipAt(items), dest);
    expect(content.mediaPath).toBe(join(dest, 'pod', 'enregistrement-micro.mp3'));
    expect(treeOf(join(dest, 'pod')).filter((p) => !p.startsWith('screenshots'))).toEqual([
      'enregistrement-micro.mp3',
    ]);
  });

  it('refuses a ZIP without <mediaName>/cours.smil (§8.1.13), writing nothing', async () => {
    const items = mediacoursItems().filter((i) => i.name !== 'pod/cours.smil');
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.code).toBe('validation');
    expect(error.text.en).toBe('pod.zip: missing pod/cours.smil');
    expect(error.text.fr).toBe('pod.zip : pod/cours.smil manquant');
    expectNothingWritten();
  });

  it.each([
    ['at the root', 'cours.smil'],
    ['in another folder', 'other/cours.smil'],
    ['with another case', 'pod/Cours.smil'],
  ])('refuses a cours.smil %s: the folder must be named like the ZIP', async (_, smilName) => {
    const items = mediacoursItems().map((i) =>
      i.name === 'pod/cours.smil' ? { ...i, name: smilName } : i,
    );
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.text.en).toBe('pod.zip: missing pod/cours.smil');
    expectNothingWritten();
  });

  it('refuses a ZIP whose top folder differs from its name (renamed upload, §8.1.13)', async () => {
    const zip = await zipAt(mediacoursItems(), 'amphi-a_2024.zip');
    const error = await rejectionOf(extractAudiovideocast(zip, dest));
    expect(error.text.en).toBe('amphi-a_2024.zip: missing amphi-a_2024/cours.smil');
    expectNothingWritten('amphi-a_2024.zip');
  });

  it('refuses malformed XML in cours.smil, naming the ZIP and the SMIL', async () => {
    const items = mediacoursItems({ smil: '<smil><body><video src="pod.mp4"></body></smil>' });
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.text.en).toMatch(/^pod\.zip › pod\/cours\.smil: the SMIL is not well-formed XML/);
    expectNothingWritten();
  });

  it('refuses a SMIL declaring entities (billion laughs)', async () => {
    const smil = `<!DOCTYPE smil [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<smil><video src="pod.mp4"/><img begin="0" src="&b;"/></smil>`;
    const error = await rejectionOf(
      extractAudiovideocast(await zipAt(mediacoursItems({ smil })), dest),
    );
    expect(error.text.en).toMatch(/entities/);
    expectNothingWritten();
  });

  it('refuses a cours.smil above 5 MiB without reading it', async () => {
    const smil = mediacoursSmil({ images: slideImages }).replace(
      '<head>',
      `<head><!-- ${' '.repeat(5 * 1024 * 1024)} -->`,
    );
    // Stored, so that the ratio check does not refuse it first.
    const items = mediacoursItems({ smil }).map((item) =>
      item.name === 'pod/cours.smil' ? { ...item, compress: false } : item,
    );
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.text.en).toBe('pod.zip: pod/cours.smil is larger than 5 MiB');
    expectNothingWritten();
  });

  it('refuses a SMIL without <img> ("No slides node found"; Pod §8.1.14 makes the video anyway)', async () => {
    const items = mediacoursItems({ images: [] });
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.text.en).toBe('pod.zip: No slides node found: pod/cours.smil has no <img>');
    expectNothingWritten();
  });

  it('refuses a SMIL without media ("No video source found")', async () => {
    const smil = mediacoursSmil({ images: slideImages, media: '' });
    const error = await rejectionOf(
      extractAudiovideocast(await zipAt(mediacoursItems({ smil })), dest),
    );
    expect(error.text.en).toMatch(/No video source found/);
    expectNothingWritten();
  });

  it('refuses a media named by the SMIL that is not in the ZIP', async () => {
    const items = mediacoursItems().filter((i) => i.name !== 'pod/pod.mp4');
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.text.en).toBe(
      'pod.zip: the media pod/pod.mp4 named by pod/cours.smil is not in the ZIP',
    );
    expectNothingWritten();
  });

  it.each([['../other/pod.mp4'], ['/etc/passwd'], ['screenshots/../../x.mp4']])(
    'refuses a SMIL media src %j that leaves the folder',
    async (src) => {
      const smil = mediacoursSmil({ images: slideImages, media: `<video src="${src}"/>` });
      const items = [...mediacoursItems({ smil }), { name: 'other/pod.mp4', data: 'x' }];
      const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
      expect(error.text.en).toMatch(
        /^pod\.zip: cours\.smil names the media ".*", which is not a path inside pod\//,
      );
      expectNothingWritten();
    },
  );

  it('refuses a slide src that leaves the folder, before extracting anything', async () => {
    const images = [...slideImages, { src: '../../../evil.jpg', begin: '90' }];
    const error = await rejectionOf(
      extractAudiovideocast(
        await zipAt(mediacoursItems({ images: slideImages, smil: mediacoursSmil({ images }) })),
        dest,
      ),
    );
    expect(error.text.en).toMatch(/cours\.smil names the image "\.\.\/\.\.\/\.\.\/evil\.jpg"/);
    expectNothingWritten();
  });

  it.each([['../evil.txt'], ['/abs.txt'], ['x/../../evil'], ['C:\\evil'], ['pod/../../evil.jpg']])(
    'refuses a ZIP holding the zip-slip entry %j before writing anything',
    async (name) => {
      const items = [...mediacoursItems(), { name, data: 'pwned' }];
      const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
      expect(error.text.en).toMatch(/^pod\.zip: entry .* is refused: /);
      expectNothingWritten();
    },
  );

  it('refuses a zip bomb before extracting', async () => {
    const items = mediacoursItems({ media: Buffer.alloc(50 * 1024 * 1024) }).map((i) =>
      i.name === 'pod/pod.mp4' ? { ...i, compress: true } : i,
    );
    const error = await rejectionOf(extractAudiovideocast(await zipAt(items), dest));
    expect(error.text.en).toMatch(/zip bomb/);
    expectNothingWritten();
  });

  it('refuses more entries than the limit', async () => {
    const zip = await zipAt(mediacoursItems());
    const error = await rejectionOf(
      extractAudiovideocast(zip, dest, { limits: { maxEntries: 3 } }),
    );
    expect(error.text.en).toMatch(/entries, above the limit of 3/);
    expectNothingWritten();
  });

  it('stops at a deflated entry that inflates beyond its declared size (lying header), removing everything', async () => {
    const zip = await zipAt(mediacoursItems());
    // D3.jpg inflates to 2004 bytes; its headers now say 1000.
    patchEntryField(zip, 'pod/screenshots/D3.jpg', 'uncompressedSize', 1000);
    const error = await rejectionOf(extractAudiovideocast(zip, dest));
    expect(error.code).toBe('validation');
    expect(error.text.en).toBe(
      'pod.zip: entry "pod/screenshots/D3.jpg" holds more data than the 1000 bytes it declares: its header lies, extraction stopped',
    );
    // The media and two images were written before; all gone, with their folders.
    expectNothingWritten();
  });

  it('refuses an entry that inflates to less than it declares or fails its CRC', async () => {
    const short = await zipAt(mediacoursItems());
    patchEntryField(short, 'pod/screenshots/D2.jpg', 'uncompressedSize', 3000);
    const error = await rejectionOf(extractAudiovideocast(short, dest));
    expect(error.text.en).toMatch(
      /entry "pod\/screenshots\/D2\.jpg" is corrupt \(2004 of 3000 bytes/,
    );
    expectNothingWritten();

    const crc = await zipAt(mediacoursItems());
    patchEntryField(crc, 'pod/pod.mp4', 'crc32', 12345);
    const bad = await rejectionOf(extractAudiovideocast(crc, dest));
    expect(bad.text.en).toMatch(
      /entry "pod\/pod\.mp4" is corrupt \(50000 of 50000 bytes, CRC wrong\)/,
    );
    expectNothingWritten();
  });

  it('keeps what was in dest before, and does not overwrite an existing file', async () => {
    mkdirSync(join(dest, 'pod', 'screenshots'), { recursive: true });
    writeFileSync(join(dest, 'keep.txt'), 'mine');
    writeFileSync(join(dest, 'pod', 'screenshots', 'D2.jpg'), 'older');
    const error = await rejectionOf(extractAudiovideocast(await zipAt(mediacoursItems()), dest));
    expect(error.code).toBe('conflict');
    expect(error.text.en).toMatch(/D2\.jpg already exists; Régie does not overwrite it$/);
    expect(treeOf(dest)).toEqual([
      'keep.txt',
      'pod/',
      'pod/screenshots/',
      'pod/screenshots/D2.jpg',
    ]);
    expect(readFileSync(join(dest, 'pod', 'screenshots', 'D2.jpg'), 'utf8')).toBe('older');
  });

  it('refuses a ZIP name that cannot be a folder name', async () => {
    const zip = await zipAt(mediacoursItems(), '...zip');
    const error = await rejectionOf(extractAudiovideocast(zip, dest));
    expect(error.text.en).toBe(
      '...zip: the file name cannot be used as the folder name inside the ZIP',
    );
    expectNothingWritten('...zip');
  });

  it('stops on an aborted signal, writing nothing', async () => {
    const zip = await zipAt(mediacoursItems());
    const controller = new AbortController();
    controller.abort();
    await expect(
      extractAudiovideocast(zip, dest, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expectNothingWritten();
  });
});
