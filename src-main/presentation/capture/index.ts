export { captureFrames, type CaptureOptions, type CaptureResult } from './captureFrames';
export { DEFAULT_CHROMIUM_PATH } from './chromium';
