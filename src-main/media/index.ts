// The media capability: ffmpeg/ffprobe resolution and self-test, probing and integrity checks.
export * from './run';
export * from './programs';
export * from './probe';
export * from './integrity';
