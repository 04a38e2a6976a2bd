import type { JournalLevel } from '../../../src-preload/contract';

/** A journal entry's level as a badge colour, the same in the Journal and in a thing's own. */
export const levelColor: Record<JournalLevel, string> = {
  info: 'blue',
  warn: 'orange',
  error: 'red',
};
