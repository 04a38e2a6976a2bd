import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts BBB's players draw whiteboard text with, as TTF files resvg can load (npm packages of
 * the Google Fonts releases; all SIL OFL). test/fixtures/bbb/player-frames/README.md "Fonts":
 * 2.5 text asks for Arial and falls back to DejaVu Sans (Debian's fonts-dejavu-core); tldraw v1
 * bundles Source Sans Pro, Caveat Brush, Crimson Pro, Source Code Pro; tldraw v2 uses IBM Plex
 * Sans/Serif/Mono Medium and Shantell Sans.
 */
const PACKAGES: readonly { pkg: string; files: readonly string[] }[] = [
  { pkg: '@expo-google-fonts/source-sans-pro', files: ['SourceSansPro_400Regular.ttf'] },
  { pkg: '@expo-google-fonts/caveat-brush', files: ['CaveatBrush_400Regular.ttf'] },
  { pkg: '@expo-google-fonts/crimson-pro', files: ['CrimsonPro_400Regular.ttf'] },
  { pkg: '@expo-google-fonts/source-code-pro', files: ['SourceCodePro_400Regular.ttf'] },
  { pkg: '@expo-google-fonts/ibm-plex-sans', files: ['IBMPlexSans_500Medium.ttf'] },
  { pkg: '@expo-google-fonts/ibm-plex-serif', files: ['IBMPlexSerif_500Medium.ttf'] },
  { pkg: '@expo-google-fonts/ibm-plex-mono', files: ['IBMPlexMono_500Medium.ttf'] },
  { pkg: '@expo-google-fonts/shantell-sans', files: ['ShantellSans_500Medium.ttf'] },
];

const SYSTEM_FALLBACKS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];

/** The family names, as resvg knows them once the files are loaded. */
export const FONT_FAMILY = {
  dejavu: 'DejaVu Sans',
  sourceSans: 'Source Sans Pro',
  caveatBrush: 'Caveat Brush',
  crimson: 'Crimson Pro',
  sourceCode: 'Source Code Pro',
  plexSans: 'IBM Plex Sans',
  plexSerif: 'IBM Plex Serif',
  plexMono: 'IBM Plex Mono',
  shantell: 'Shantell Sans',
} as const;

let cached: string[] | undefined;

/** Every font file found; a missing one only means resvg falls back to another family. */
export function fontFiles(): string[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const found: string[] = [];
  for (const { pkg, files } of PACKAGES) {
    let root: string;
    try {
      root = dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      continue; // not installed: the text is drawn in a fallback family
    }
    for (const file of files) {
      for (const candidate of [
        join(root, file),
        join(root, file.slice(file.indexOf('_') + 1, -'.ttf'.length), file),
      ]) {
        if (existsSync(candidate)) found.push(candidate);
      }
    }
  }
  for (const file of SYSTEM_FALLBACKS) if (existsSync(file)) found.push(file);
  cached = found;
  return found;
}
