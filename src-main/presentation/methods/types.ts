import type { LayoutName } from '../render/geometry';
import type { Warning } from '../model';

export type ConvertPhase = 'fetch' | 'render' | 'compose' | 'encode';

export interface ConvertProgress {
  phase: ConvertPhase;
  /** 0–100 within the phase. */
  percent: number;
  /** A picture of the video so far (a rendered state), for the UI's preview. */
  previewPng?: string;
  /** The slide area inside `previewPng` (without the webcam strip or the chat panel). */
  previewBox?: { x: number; y: number; w: number; h: number };
}

export interface RenderOptions {
  /** The recording's folder (fetched or local). */
  dir: string;
  /** The MP4 to write; written under a temporary name and renamed once verified. */
  out: string;
  /** A folder of this conversion's own for intermediate files (removed by the caller). */
  workDir: string;
  ffmpeg: string;
  ffprobe: string;
  width: number;
  height: number;
  layout: LayoutName;
  withChat: boolean;
  locale: 'en' | 'fr';
  /** Output frame rate. BBB records the cursor every 0.1 s: 10 fps shows every move. */
  fps: number;
  /** Segments encoded at once; default: the number of cores (at most 4). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ConvertProgress) => void;
  /** Each ffmpeg command line, for the job's record. */
  onCommand?: (commandLine: string) => void;
}

export interface ConvertResult {
  method: 'video' | 'render' | 'capture';
  durationS: number;
  width: number;
  height: number;
  sizeBytes: number;
  warnings: Warning[];
  /** Distinct pictures rasterised (render) or captured (capture). */
  pictures: number;
}
