/**
 * Synthetic BigBlueButton presentation recordings for tests and `bench:presentation` (issue 10):
 * the three formats of the player fixtures (2.5 SVG whiteboard, 2.7 tldraw v1, 3.0 tldraw v2) at
 * any length. Deterministic for a seed; a directory that already holds the same recording
 * (`options.json`) is returned at once, so the bench can ask for 30-minute recordings each run.
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type GenerateOptions,
  type Resolved,
  idFromSeed,
  recordIdPattern,
  resolveOptions,
} from './options.js';
import { writeDeskshare, writeWebcams } from './media.js';
import { buildPlan } from './plan.js';
import { shapesSvg } from './shapesSvg.js';
import { slideSvg, writeSlidePng, writeSlideSvg } from './slides.js';
import { spaceOf } from './space.js';
import { tldrawJson } from './tldraw.js';
import {
  chatXml,
  cursorXml,
  deskshareXml,
  metadataXml,
  panzoomsXml,
  presentationTextJson,
  slideText,
  writeChunked,
} from './xmlFiles.js';

export interface GeneratedRecording {
  dir: string;
  recordId: string;
  durationS: number;
}

/** Bump when the output changes, so cached recordings are rebuilt. */
const generatorVersion = 2;

export async function generatePresentation(input: GenerateOptions): Promise<GeneratedRecording> {
  const options = resolveOptions(input);
  if (!(options.durationS > 0)) throw new Error(`durationS must be > 0, got ${options.durationS}`);
  if (!recordIdPattern.test(options.recordId))
    throw new Error(`recordId ${options.recordId} does not match ${recordIdPattern}`);
  const dir = resolve(options.dir);
  const result = { dir, recordId: options.recordId, durationS: options.durationS };
  const marker = JSON.stringify({ generatorVersion, ...options, dir: undefined }, null, 2);
  if ((await readFile(join(dir, 'options.json'), 'utf8').catch(() => '')) === marker) return result;
  await prepareDirectory(dir);
  await writeRecording(options, dir);
  // Written last: its presence means the recording is complete.
  await writeFile(join(dir, 'options.json'), marker);
  return result;
}

/** Empties `dir` only if it is missing, empty or a recording this generator wrote. */
export async function prepareDirectory(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => null);
  if (entries && entries.length > 0) {
    if (!entries.includes('options.json') && !entries.includes('metadata.xml'))
      throw new Error(
        `${dir} is not empty and holds no generated recording: refusing to overwrite it`,
      );
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
}

async function writeRecording(options: Resolved, dir: string): Promise<void> {
  const plan = buildPlan(options);
  const space = spaceOf(options.format);
  const presId = idFromSeed(options.seed, 'presentation');
  const presDir = join(dir, 'presentation', presId);
  const isPng = options.format === 'svg';
  await mkdir(join(presDir, isPng ? '' : 'svgs'), { recursive: true });
  await mkdir(join(presDir, 'textfiles'), { recursive: true });
  for (const { slide } of plan.slides) {
    const svg = slideSvg(slide, space.slide.width, space.slide.height);
    await (isPng
      ? writeSlidePng(svg, join(presDir, `slide-${slide}.png`))
      : writeSlideSvg(svg, join(presDir, 'svgs', `slide${slide}.svg`)));
    await writeFile(
      join(presDir, 'textfiles', `slide-${slide}.txt`),
      slideText(options.format, slide),
    );
  }
  await writeFile(join(dir, 'shapes.svg'), shapesSvg(options, plan, presId, space));
  if (space.isTldraw) await writeFile(join(dir, 'tldraw.json'), tldrawJson(options, plan, space));
  await writeFile(join(dir, 'panzooms.xml'), panzoomsXml(plan, space));
  await writeChunked(join(dir, 'cursor.xml'), cursorXml(plan, space));
  await writeFile(join(dir, 'deskshare.xml'), deskshareXml(options));
  await writeFile(join(dir, 'slides_new.xml'), chatXml(plan));
  await writeFile(join(dir, 'presentation_text.json'), presentationTextJson(options, plan, presId));
  await writeFile(join(dir, 'captions.json'), '[]');
  if (options.webcams !== 'none') await writeWebcams(dir, options.durationS, options.webcams);
  if (options.deskshare.length > 0) await writeDeskshare(dir, options.durationS, options.deskshare);
  await writeFile(join(dir, 'metadata.xml'), metadataXml(options, await directorySize(dir)));
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
