export { parsePlaybackUrl, RECORD_ID, type PlaybackLocation } from './playbackUrl';
export { safeRelativePath } from './safePath';
export {
  DESKSHARE_CANDIDATES,
  OPTIONAL_FILES,
  REQUIRED_FILES,
  WEBCAM_CANDIDATES,
  scanShapesImages,
  type ImageRefs,
} from './assets';
export { fetchRecording, type FetchProgress, type FetchRecordingOptions } from './fetch';
export { openLocalRecording } from './local';
export type { RecordingFiles, SourceWarning } from './result';
