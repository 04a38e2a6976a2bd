import type { RegieError } from '../ground/errors';

export interface SftpSourceConfig {
  id: number;
  name: string;
  host: string;
  port: number;
  username: string;
  /** Secret: never logged, never in an error message. */
  password?: string;
  /** Secret (OpenSSH or PEM private key text): never logged, never in an error message. */
  privateKey?: string;
  /** The drop folder on the server, e.g. /srv/ftp/recorders. */
  remoteRoot: string;
  /** Seconds between two listings; 15 by default. */
  pollSeconds: number;
  /** A file whose size and mtime have not changed for this long is complete; 5 by default. */
  quietSeconds: number;
  /** rename: `<name>_treated`, as Pod does with its ZIPs; move: into `moveTo`; leave: nothing. */
  afterProcessing: 'rename' | 'move' | 'leave';
  /** Remote folder for 'move'; created when missing. */
  moveTo?: string;
}

export interface RemoteFileReady {
  sourceId: number;
  relPath: string;
  size: number;
  mtimeMs: number;
  localPath: string;
}

export interface SftpDownloadProgress {
  relPath: string;
  size: number;
  /** Bytes already in the `.part` file when this attempt started (0 unless resumed). */
  startOffset: number;
  /** Bytes now in the `.part` file. */
  downloaded: number;
}

export interface SftpSourceEvents {
  /** Downloaded, size verified, ready for the integrity check. Once per (relPath, size, mtime). */
  onReady(file: RemoteFileReady): void;
  /** Every remote file of each listing, incomplete and empty ones included. */
  onSeen?(relPath: string, size: number, mtimeMs: number): void;
  onStatus(status: { isConnected: boolean; error?: string; nextRetryInMs?: number }): void;
  /** At the first chunk of each attempt, then at most every 250 ms, and at the end. */
  onProgress?(progress: SftpDownloadProgress): void;
  /**
   * One file could not be taken (a refused name, an unreadable folder, a download that failed
   * while the connection stayed up); the others go on. Reported once per path and cause.
   */
  onFileError?(relPath: string, error: RegieError): void;
}

export interface SftpSourceOptions {
  /** Downloads go to `<workDir>/sftp/<id>/<relPath>`. */
  workDir: string;
  events: SftpSourceEvents;
  /** The clock of the quiet period, in ms; Date.now by default. */
  now?: () => number;
  /** SSH handshake timeout; 10 s by default. */
  connectTimeoutMs?: number;
  /**
   * How long one SFTP call (list, stat, rename…) may go unanswered, and a download receive
   * nothing, before the connection is treated as lost; 30 s by default.
   */
  operationTimeoutMs?: number;
}

export interface SftpSource {
  start(): void;
  stop(): Promise<void>;
  /** One listing and the downloads it allows, for tests and `regie recorder scan`. */
  pollOnce(): Promise<void>;
  /** After Régie processed the recording: rename, move or leave the remote file. */
  finish(relPath: string): Promise<void>;
  /** Drops what the source remembers about relPath and its partial download. */
  forget(relPath: string): void;
}
