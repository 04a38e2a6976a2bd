export { createSftpSource } from './source';
export type {
  RemoteFileReady,
  SftpDownloadProgress,
  SftpSource,
  SftpSourceConfig,
  SftpSourceEvents,
  SftpSourceOptions,
} from './types';
export { checkRelPath, localPathFor } from './paths';
