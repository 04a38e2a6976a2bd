import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { formatCommandLine, run } from '../../media/run';
import { audioArgs, joinArgs } from '../compose/args';
import { isBlankVideo } from '../compose/blank';
import { recordingCaptions } from '../compose/captions';
import { findMedia } from '../compose/media';
import { encodeSegments } from '../compose/segments';
import { verifyOutput } from '../compose/verify';
import { readRecording } from '../parse/recording';
import { cursorFrames, spriteSvg } from '../render/cursor';
import { FrameRenderer } from '../render/frames';
import { frameLayout } from '../render/geometry';
import { rasterise } from '../render/rasterise';
import { SlideImages } from '../render/slideImages';
import { buildTimeline } from '../render/timeline';
import sharp from 'sharp';
import type { ConvertResult, RenderOptions } from './types';

/**
 * Method `render` (issue #10 §3): the recording's own assets drawn in Node, no browser. One
 * timeline of every visible change; each distinct picture rasterised once; the cursor moved
 * over it by ffmpeg from its own timeline; screen share and webcams laid over in their
 * intervals; the meeting audio added; encoded in one-minute segments two at a time, joined
 * without re-encoding, then verified.
 */
export async function renderVideo(options: RenderOptions): Promise<ConvertResult> {
  const { signal, fps } = options;
  const report = options.onProgress ?? (() => undefined);
  const recording = await readRecording(options.dir, signal);
  const warnings = recording.warnings;
  const durationS = recording.metadata.durationS;
  const media = await findMedia({
    dir: options.dir,
    ffprobe: options.ffprobe,
    durationS,
    needsDeskshare: recording.deskshare.length > 0,
    warnings,
    signal,
  });
  // A webcam strip only when a camera was on: BBB writes a uniform webcams video otherwise.
  const camerasShown =
    options.layout === 'slides+webcams' &&
    media.webcams !== null &&
    !(await isBlankVideo({
      ffmpeg: options.ffmpeg,
      path: media.webcams.path,
      ...(signal ? { signal } : {}),
    }));
  const layoutName =
    options.layout === 'slides+webcams' && !camerasShown ? 'slides' : options.layout;
  if (layoutName !== options.layout) {
    warnings.push({
      file: media.webcams?.file ?? 'video/webcams.webm',
      en: 'shows no camera; the video shows the slides only.',
      fr: 'ne montre aucune caméra ; la vidéo ne montre que les diapositives.',
    });
  }
  // The audio is encoded beside the drawing (one core of ffmpeg's AAC, ~1 % of the work).
  const audioPath = join(options.workDir, 'audio.m4a');
  const audioCommand = audioArgs({
    audioPath: media.audio?.path ?? null,
    durationS,
    out: audioPath,
  });
  options.onCommand?.(formatCommandLine(options.ffmpeg, audioCommand));
  const audioDone = run(options.ffmpeg, audioCommand, { signal, keepStdout: false });
  audioDone.catch(() => undefined); // awaited below; a failure is reported there
  try {
    const hasChat = options.withChat && recording.chat.length > 0;
    const layout = frameLayout({
      width: options.width,
      height: options.height,
      layout: layoutName,
      hasChat,
    });
    const timeline = buildTimeline(recording, { fps, withChat: hasChat });
    const cursor = cursorFrames({
      track: recording.cursor,
      timeline,
      layout,
      format: recording.format,
      deskshare: media.deskshare ? recording.deskshare : [],
    });

    // Render: every distinct picture once, two at a time (resvg draws on libuv's thread pool).
    const framesDir = join(options.workDir, 'pictures');
    await mkdir(framesDir, { recursive: true });
    const images = new SlideImages(options.dir, warnings);
    const renderer = new FrameRenderer(
      layout,
      images,
      hasChat ? { messages: recording.chat, locale: options.locale } : null,
    );
    const fileOf = (state: number): string =>
      join(framesDir, `p${String(state).padStart(6, '0')}.png`);
    const concurrency = Math.max(1, Math.min(4, options.concurrency ?? availableParallelism()));
    // Pictures are drawn in time order (each builds on the previous one); their PNG encoding and
    // writing run beside the drawing, at most `concurrency` at once.
    let done = 0;
    const writing = new Set<Promise<void>>();
    for (const [i, state] of timeline.states.entries()) {
      signal?.throwIfAborted();
      const pixels = await renderer.pixels(state);
      const write = renderer
        .png(pixels)
        .then((png) => writeFile(fileOf(i), png))
        .then(() => {
          done++;
          report({
            phase: 'render',
            percent: (100 * done) / timeline.states.length,
            previewPng: fileOf(i),
            previewBox: layout.slideBox,
          });
        });
      writing.add(write);
      void write.finally(() => writing.delete(write)).catch(() => undefined);
      if (writing.size >= concurrency) await Promise.race(writing);
    }
    await Promise.all(writing);
    const spritePaths = await Promise.all(
      cursor.diameters.map(async (d, k) => {
        const path = join(options.workDir, `cursor${k}.png`);
        const size = Math.ceil(d) + 2;
        const pixels = await rasterise(spriteSvg(d, cursor.colour));
        await sharp(pixels, {
          raw: { width: size, height: size, channels: 4, premultiplied: true },
        })
          .png()
          .toFile(path);
        return path;
      }),
    );

    // Compose: segments in parallel, then one join with the audio.
    const segDir = join(options.workDir, 'segments');
    const names = await encodeSegments({
      ...options,
      segDir,
      timeline,
      cursor,
      spritePaths,
      fileOf,
      layout,
      media,
      deskshare: recording.deskshare,
      concurrency,
      onFraction: (fraction) => report({ phase: 'compose', percent: 95 * fraction }),
    });
    const list = names.map((name) => `file '${name}.mp4'`).join('\n');
    await writeFile(join(segDir, 'segments.ffconcat'), `ffconcat version 1.0\n${list}\n`);
    const temporary = `${options.out}.part.mp4`;
    await audioDone;
    const captions = await recordingCaptions(options.dir, warnings);
    const joinWith = async (withCaptions: typeof captions): Promise<void> => {
      const args = joinArgs({
        segmentsList: 'segments.ffconcat',
        audio: audioPath,
        captions: withCaptions,
        durationS,
        out: temporary,
      });
      options.onCommand?.(`cd ${segDir} && ${formatCommandLine(options.ffmpeg, args)}`);
      await run(options.ffmpeg, args, { cwd: segDir, signal, keepStdout: false });
    };
    try {
      try {
        await joinWith(captions);
      } catch (error) {
        // A caption file ffmpeg cannot read costs the captions, not the video.
        if (captions.length === 0 || signal?.aborted) throw error;
        warnings.push({
          file: 'captions.json',
          en: 'its caption files could not be read as WebVTT; the video has no subtitles.',
          fr: 'ses fichiers de sous-titres ne se lisent pas en WebVTT ; la vidéo n’a pas de sous-titres.',
        });
        await joinWith([]);
      }
      const verified = await verifyOutput({
        path: temporary,
        ffprobe: options.ffprobe,
        durationS,
        signal,
      });
      await rename(temporary, options.out);
      report({ phase: 'compose', percent: 100 });
      return {
        method: 'render',
        durationS: verified.durationS,
        width: verified.width,
        height: verified.height,
        sizeBytes: verified.sizeBytes,
        warnings,
        pictures: timeline.states.length,
      };
    } finally {
      await rm(temporary, { force: true });
    }
  } catch (error) {
    // A failure or a cancel returns only once the audio encode has stopped too.
    await audioDone.then(
      () => undefined,
      () => undefined,
    );
    throw error;
  }
}
