/** Synthetic BBB presentation recordings (see generate.ts) and their hostile variants (hostile.ts). */
export type { GenerateOptions, RecordingFormat } from './options.js';
export { generatePresentation, type GeneratedRecording } from './generate.js';
export { generateHostile, type HostileKind } from './hostile.js';
