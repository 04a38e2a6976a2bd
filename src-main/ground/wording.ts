import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from './errors';

/**
 * "1 file" / "3 files", "0 fichier" / "3 fichiers": the count and its noun in each language's
 * plural rule (French: 0 and 1 are singular), for journal texts instead of "file(s)".
 */
export function counted(
  count: number,
  words: { en: readonly [one: string, other: string]; fr: readonly [one: string, other: string] },
): Bilingual {
  const say = (language: 'en' | 'fr') => {
    const [one, other] = words[language];
    const isOne = new Intl.PluralRules(language).select(count) === 'one';
    return `${String(count)} ${isOne ? one : other}`;
  };
  return bi(say('en'), say('fr'));
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
