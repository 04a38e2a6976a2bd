import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDefinition } from '../../src-main/settings/definitions';

/** The one measured figure for the default preset, said the same in Settings and the README. */
const figure = "0.44–0.49× Pod's time (npm run bench:encode, 2 runs on a 2-core machine)";
const figureFr =
  '0,44–0,49× le temps de Pod (npm run bench:encode, 2 passes sur une machine à 2 cœurs)';

describe("FFMPEG_PRESET's speed figure", () => {
  it('is the measured one, with its command, in Settings (both languages) and the README', () => {
    const help = findDefinition('FFMPEG_PRESET')?.help;
    expect(help?.en).toContain(figure);
    expect(help?.fr).toContain(figureFr);
    expect(readFileSync('README.md', 'utf8').replace(/\s+/g, ' ')).toContain(figure);
  });
});
