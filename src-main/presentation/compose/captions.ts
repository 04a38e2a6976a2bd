import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warning } from '../model';
import { captionFiles } from '../source/assets';

/** BBB locales (`fr`, `en-US`…) to the ISO 639-2/B codes MP4 stores; others are `und`. */
const LANGUAGES: Readonly<Record<string, string>> = {
  fr: 'fre',
  en: 'eng',
  de: 'ger',
  es: 'spa',
  it: 'ita',
  nl: 'dut',
  pt: 'por',
  ca: 'cat',
  br: 'bre',
  eu: 'baq',
  oc: 'oci',
  ar: 'ara',
  zh: 'chi',
  ja: 'jpn',
  ru: 'rus',
  pl: 'pol',
};

/**
 * The recording's captions (captions.json + caption_<locale>.vtt, bbb.md §2) present in its
 * folder, each with its language, for the video's subtitle tracks.
 */
export async function recordingCaptions(
  dir: string,
  warnings: Warning[],
): Promise<{ path: string; language: string }[]> {
  const out: { path: string; language: string }[] = [];
  for (const file of await captionFiles(join(dir, 'captions.json'))) {
    const head = await readHead(join(dir, file));
    if (head === null) continue; // listed but absent: no captions in that language
    if (!/^\uFEFF?WEBVTT/.test(head)) {
      warnings.push({
        file,
        en: 'is not a WebVTT file; the video has no subtitles in that language.',
        fr: 'n’est pas un fichier WebVTT ; la vidéo n’a pas de sous-titres dans cette langue.',
      });
      continue;
    }
    const locale = /^caption_([A-Za-z]{2,3})/.exec(file)?.[1]?.toLowerCase() ?? '';
    out.push({ path: join(dir, file), language: LANGUAGES[locale] ?? 'und' });
  }
  return out;
}

async function readHead(path: string): Promise<string | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(16), 0, 16, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
