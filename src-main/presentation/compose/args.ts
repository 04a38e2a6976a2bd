import type { Rect } from '../model';

export interface SegmentInputs {
  concatPath: string;
  /** One PNG per cursor sprite size; sprite k is filter `overlay@ck`. */
  spritePaths: string[];
  /** The sendcmd file moving the sprites; null when the cursor never shows in the segment. */
  commandsPath: string | null;
  deskshare: {
    path: string;
    box: Rect;
    parts: { sourceStart: number; start: number; end: number }[];
  } | null;
  webcams: { path: string; box: Rect } | null;
  /** Segment start in recording time (seconds), to seek the media inputs. */
  startS: number;
  frames: number;
  fps: number;
  out: string;
  threads: number;
}

/**
 * The ffmpeg arguments of one segment. Reference command (one sprite, one deskshare part,
 * webcams strip):
 *
 *   ffmpeg -nostdin -y -progress pipe:1 -nostats -f concat -safe 0 -i seg.ffconcat
 *     -i c0.png -ss 600 -t 60 -i deskshare.webm -ss 600 -t 60 -i webcams.webm
 *     -filter_complex "[0:v]format=yuv420p,fps=10,sendcmd=f=seg.cmd[v0];
 *       [v0]drawbox=…:t=fill:enable='between(t,0,60)'[v1];
 *       [2:v]fps=10,scale=960:720:force_original_aspect_ratio=decrease,setpts=PTS-STARTPTS+0/TB[d0];
 *       [v1][d0]overlay=x=…:y=…:eof_action=pass[v2];
 *       [3:v]fps=10,scale=320:720:force_original_aspect_ratio=decrease,setpts=PTS-STARTPTS[cam];
 *       [v2][cam]overlay=x=…:y=0:eof_action=pass[v3];
 *       [v3][1:v]overlay@c0=x=-4000:y=-4000:eof_action=repeat[out]"
 *     -map [out] -frames:v 600 -an -c:v libx264 -preset ultrafast -crf 20
 *     -pix_fmt yuv420p -g 50 -threads 1 seg.mp4
 */
export function segmentArgs(inputs: SegmentInputs): string[] {
  const { fps } = inputs;
  const args = ['-hide_banner', '-nostdin', '-y', '-progress', 'pipe:1', '-nostats'];
  args.push('-f', 'concat', '-safe', '0', '-i', inputs.concatPath);
  let next = 1;
  const spriteInputs = inputs.spritePaths.map((path) => {
    args.push('-i', path);
    return next++;
  });
  const duration = (inputs.frames / fps).toFixed(3);
  const deskPath = inputs.deskshare?.path ?? '';
  const deskInputs = (inputs.deskshare?.parts ?? []).map((part) => {
    args.push(
      '-ss',
      part.sourceStart.toFixed(3),
      '-t',
      (part.end - part.start).toFixed(3),
      '-i',
      deskPath,
    );
    return next++;
  });
  let camInput: number | null = null;
  if (inputs.webcams) {
    args.push('-ss', inputs.startS.toFixed(3), '-t', duration, '-i', inputs.webcams.path);
    camInput = next++;
  }
  const chains: string[] = [];
  let label = 'v0';
  let counter = 0;
  const nextLabel = (): string => `v${++counter}`;
  const head = ['format=yuv420p', `fps=${fps}`];
  if (inputs.commandsPath) head.push(`sendcmd=f=${escapeFilterPath(inputs.commandsPath)}`);
  chains.push(`[0:v]${head.join(',')}[${label}]`);
  if (inputs.deskshare) {
    const { box } = inputs.deskshare;
    inputs.deskshare.parts.forEach((part, j) => {
      const between = `between(t\\,${part.start.toFixed(3)}\\,${part.end.toFixed(3)})`;
      const boxed = nextLabel();
      chains.push(
        `[${label}]drawbox=x=${box.x}:y=${box.y}:w=${box.w}:h=${box.h}:color=black:t=fill:enable='${between}'[${boxed}]`,
      );
      chains.push(
        `[${deskInputs[j]}:v]fps=${fps},scale=${box.w}:${box.h}:force_original_aspect_ratio=decrease,setpts=PTS-STARTPTS+${part.start.toFixed(3)}/TB[d${j}]`,
      );
      const out = nextLabel();
      chains.push(
        `[${boxed}][d${j}]overlay=x=${box.x}+(${box.w}-overlay_w)/2:y=${box.y}+(${box.h}-overlay_h)/2:eof_action=pass:enable='${between}'[${out}]`,
      );
      label = out;
    });
  }
  if (inputs.webcams && camInput !== null) {
    const { box } = inputs.webcams;
    chains.push(
      `[${camInput}:v]fps=${fps},scale=${box.w}:${box.h}:force_original_aspect_ratio=decrease,setpts=PTS-STARTPTS[cam]`,
    );
    const out = nextLabel();
    chains.push(
      `[${label}][cam]overlay=x=${box.x}+(${box.w}-overlay_w)/2:y=${box.y}:eof_action=pass[${out}]`,
    );
    label = out;
  }
  spriteInputs.forEach((input, k) => {
    const out = nextLabel();
    chains.push(`[${label}][${input}:v]overlay@c${k}=x=-4000:y=-4000:eof_action=repeat[${out}]`);
    label = out;
  });
  args.push('-filter_complex', chains.join(';'), '-map', `[${label}]`);
  args.push('-frames:v', String(inputs.frames), '-an');
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '20');
  args.push('-pix_fmt', 'yuv420p', '-r', String(fps), '-g', String(fps * 5));
  args.push('-threads', String(inputs.threads), '-filter_threads', '1', inputs.out);
  return args;
}

/** A path inside a filter graph option: `:`, `\`, `'`, `,`, `;`, `[`, `]` escaped. */
export function escapeFilterPath(path: string): string {
  return path.replace(/[\\':,;[\]]/g, (c) => `\\\\\\${c}`);
}

/**
 * The meeting audio as AAC, padded with silence to the recording's length; made while the
 * pictures are drawn, so the join only copies. Reference:
 *
 *   ffmpeg -i webcams.webm -map 0:a:0 -vn -c:a aac -b:a 128k -af apad -t 1800 audio.m4a
 */
export function audioArgs(options: {
  audioPath: string | null;
  durationS: number;
  out: string;
}): string[] {
  const args = ['-hide_banner', '-nostdin', '-y', '-nostats'];
  if (options.audioPath) args.push('-i', options.audioPath);
  else args.push('-f', 'lavfi', '-i', 'anullsrc=channel_layout=mono:sample_rate=48000');
  args.push('-map', '0:a:0', '-vn', '-c:a', 'aac', '-b:a', '128k', '-af', 'apad');
  args.push('-t', options.durationS.toFixed(3), options.out);
  return args;
}

/**
 * Joins the segments and the audio without re-encoding (ultrafast H.264 is an intermediate:
 * the encoding pipeline makes Pod's renditions from it). Reference:
 *
 *   ffmpeg -f concat -safe 0 -i segments.ffconcat -i audio.m4a -i caption_fr.vtt
 *     -map 0:v -map 1:a -map 2:s -c:v copy -c:a copy -c:s mov_text
 *     -metadata:s:s:0 language=fre -t 1800 -movflags +faststart out.mp4
 */
export function joinArgs(options: {
  segmentsList: string;
  audio: string;
  /** WebVTT captions (`caption_<locale>.vtt`) with their ISO 639-2 language. */
  captions?: { path: string; language: string }[];
  durationS: number;
  out: string;
}): string[] {
  const args = ['-hide_banner', '-nostdin', '-y', '-nostats'];
  args.push('-f', 'concat', '-safe', '0', '-i', options.segmentsList, '-i', options.audio);
  const captions = options.captions ?? [];
  for (const caption of captions) args.push('-i', caption.path);
  args.push('-map', '0:v:0', '-map', '1:a:0');
  captions.forEach((_, k) => args.push('-map', `${k + 2}:s:0`));
  args.push('-c:v', 'copy', '-c:a', 'copy');
  // MP4 carries text subtitles as mov_text; the encoding pipeline turns them into Pod's
  // WebVTT tracks (reference/pod-behaviour.md §2.10).
  if (captions.length > 0) args.push('-c:s', 'mov_text');
  captions.forEach((caption, k) => args.push(`-metadata:s:s:${k}`, `language=${caption.language}`));
  args.push('-t', options.durationS.toFixed(3), '-movflags', '+faststart', options.out);
  return args;
}
