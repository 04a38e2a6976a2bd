/** Subtitle streams to WebVTT (reference/pod-behaviour.md §2.10). */

/** Pod's DEFAULT_LANG_TRACK. */
export const defaultSubtitleLanguage = 'fr';

/** ISO 639-2 codes whose first two letters are not the ISO 639-1 code. */
const ISO_639_2: Readonly<Record<string, string>> = {
  fre: 'fr',
  ger: 'de',
  deu: 'de',
  dut: 'nl',
  nld: 'nl',
  spa: 'es',
  chi: 'zh',
  zho: 'zh',
  gre: 'el',
  ell: 'el',
  per: 'fa',
  fas: 'fa',
  cze: 'cs',
  ces: 'cs',
  wel: 'cy',
  cym: 'cy',
  arm: 'hy',
  hye: 'hy',
  ice: 'is',
  isl: 'is',
  alb: 'sq',
  sqi: 'sq',
  rum: 'ro',
  ron: 'ro',
  slo: 'sk',
  slk: 'sk',
  bre: 'br',
  baq: 'eu',
  eus: 'eu',
  jpn: 'ja',
  kor: 'ko',
  pol: 'pl',
  swe: 'sv',
  por: 'pt',
  tur: 'tr',
  ukr: 'uk',
  vie: 'vi',
  heb: 'he',
  dan: 'da',
  fin: 'fi',
};

/**
 * The track's language as Pod stores it: two letters from the stream's tag (`fra` → `fr`,
 * `ger` → `de`), else `fr`. Pure.
 */
export function subtitleLanguage(tag: string | null | undefined): string {
  const value = (tag ?? '').trim().toLowerCase();
  const mapped = ISO_639_2[value];
  if (mapped !== undefined) return mapped;
  const two = value.slice(0, 2);
  return /^[a-z]{2}$/.test(two) && value !== 'und' ? two : defaultSubtitleLanguage;
}

/** Text subtitle codecs ffmpeg can turn into WebVTT; bitmap ones (PGS, DVD) cannot be. */
const TEXT_CODECS = new Set(['subrip', 'srt', 'ass', 'ssa', 'mov_text', 'webvtt', 'text']);
export const isTextSubtitle = (codec: string): boolean => TEXT_CODECS.has(codec);

/**
 * File names for the subtitle streams in order: `subtitle_<lang>.vtt`, and `subtitle_<lang>_2.vtt`
 * for a second track of the same language (Pod overwrites the first). Pure.
 */
export function subtitleFileNames(languages: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return languages.map((lang) => {
    const n = (seen.get(lang) ?? 0) + 1;
    seen.set(lang, n);
    return n === 1 ? `subtitle_${lang}.vtt` : `subtitle_${lang}_${String(n)}.vtt`;
  });
}

// Pod: ffmpeg -i <in> -map 0:<idx> -f webvtt subtitle_<lang>.vtt
export function subtitleCommand(options: {
  input: string;
  streamIndex: number;
  output: string;
}): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-i', `file:${options.input}`],
    ...['-map', `0:${String(options.streamIndex)}`, '-c:s', 'webvtt', '-f', 'webvtt'],
    `file:${options.output}`,
  ];
}
