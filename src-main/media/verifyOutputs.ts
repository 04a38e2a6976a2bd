import type { EncodeResult } from './encode';
import { probeMedia } from './probe';

/** How far an output's duration may be from the source's (AAC priming, frame rounding). */
const TOLERANCE_S = 0.5;

export interface VerifyResult {
  ok: boolean;
  /** One line per problem, naming the file. */
  problems: string[];
}

/**
 * Before a source is moved or deleted (STYLE.md): every output opens with ffprobe, lasts as long as
 * the source within 0.5 s, and has the streams it should (H.264 4:2:0 8-bit video in MP4 and HLS,
 * audio when the source has audio).
 */
export async function verifyOutputs(
  result: EncodeResult,
  sourceDurationS: number,
  options: { ffprobe: string; signal?: AbortSignal },
): Promise<VerifyResult> {
  const hasAudio = result.info.audioStreams.length > 0;
  const checks: { path: string; isVideo: boolean; isAudio: boolean }[] = [
    ...result.mp4.map((m) => ({ path: m.path, isVideo: true, isAudio: hasAudio })),
    ...result.hls.map((h) => ({ path: h.m3u8Path, isVideo: true, isAudio: hasAudio })),
    ...(result.masterPath === null
      ? []
      : [{ path: result.masterPath, isVideo: true, isAudio: hasAudio }]),
    ...[result.mp3Path, result.m4aPath].flatMap((path) =>
      path === null ? [] : [{ path, isVideo: false, isAudio: true }],
    ),
  ];
  const problems: string[] = [];
  for (const check of checks) {
    try {
      const info = await probeMedia(check.path, options);
      if (Math.abs(info.durationS - sourceDurationS) > TOLERANCE_S) {
        problems.push(
          `${check.path}: lasts ${info.durationS.toFixed(2)} s, the source ${sourceDurationS.toFixed(2)} s`,
        );
      }
      if (check.isVideo) {
        const v = info.video;
        if (v === null) problems.push(`${check.path}: has no video stream`);
        else if (v.codec !== 'h264' || v.pixFmt !== 'yuv420p') {
          problems.push(`${check.path}: video is ${v.codec} ${String(v.pixFmt)}, not h264 yuv420p`);
        }
      }
      if (check.isAudio && info.audioStreams.length === 0) {
        problems.push(`${check.path}: has no audio stream`);
      }
    } catch (error) {
      problems.push(`${check.path}: ffprobe cannot read it (${(error as Error).message})`);
    }
  }
  return { ok: problems.length === 0, problems };
}
