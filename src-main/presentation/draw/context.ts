/**
 * What a whiteboard drawer may tell its caller while it turns one recorded shape into SVG: a
 * bilingual warning about data it skipped or repaired (the caller logs it against the recording).
 */
export interface DrawContext {
  warn(en: string, fr: string): void;
}
