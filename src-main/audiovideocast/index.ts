export { extractAudiovideocast, type AudiovideocastContent, type ExtractOptions } from './extract';
export {
  decodeSmilBytes,
  maxSmilBytes,
  parseClockValue,
  parseSmil,
  roundHalfEven,
  slidesFromImages,
  type Slide,
  type SmilContent,
  type SmilImage,
} from './smil';
export { defaultZipLimits, readZipDirectory, type ZipEntryInfo, type ZipLimits } from './zipCheck';
