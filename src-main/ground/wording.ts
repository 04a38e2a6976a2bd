import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from './errors';

type Words = {
  en: readonly [one: string, other: string];
  fr: readonly [one: string, other: string];
};

/** The words for `count` things in each language's plural rule (French: 0 and 1 are singular). */
export function wordsFor(count: number, words: Words): Bilingual {
  const say = (language: 'en' | 'fr') =>
    words[language][new Intl.PluralRules(language).select(count) === 'one' ? 0 : 1];
  return bi(say('en'), say('fr'));
}

/** "1 file" / "3 files", "0 fichier" / "3 fichiers": for texts instead of "file(s)". */
export function counted(count: number, words: Words): Bilingual {
  const w = wordsFor(count, words);
  return bi(`${String(count)} ${w.en}`, `${String(count)} ${w.fr}`);
}

/**
 * What an error says to an operator: a RegieError's message in both languages, otherwise the
 * error's own message — never `String(error)`, which prefixes the class name ("RegieError: …").
 */
export function messageOf(error: unknown): Bilingual {
  if (error instanceof RegieError) return error.text;
  const text = error instanceof Error ? error.message : String(error);
  return bi(text, text);
}
