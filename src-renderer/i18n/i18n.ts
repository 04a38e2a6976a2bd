import { create } from 'zustand';
import type { Bilingual } from '../../src-preload/contract';
import { en, type MessageKey } from './en';
import {
  formatDateTime,
  formatDuration,
  formatMessage,
  formatPercent,
  formatRelative,
  formatSize,
  labelled,
  type Language,
  type MessageParams,
} from './format';
import { fr } from './fr';

export type { Language } from './format';

const storageKey = 'regie.language';

/** French on a French locale (the operators are French university staff), else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  if (stored === 'fr' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export const useLanguage = create<{ language: Language; setLanguage: (l: Language) => void }>(
  (set) => ({
    language: initialLanguage(),
    setLanguage: (language) => {
      localStorage.setItem(storageKey, language);
      document.documentElement.lang = language;
      set({ language });
    },
  }),
);

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A message in the language, its `{name}` and `{count, plural, …}` parts filled. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return formatMessage(language, language === 'fr' ? fr[key] : en[key], params);
}

/** `t('recorders.title')` in the current language; re-renders when it changes. */
export function useT(): Translate {
  const language = useLanguage((s) => s.language);
  return (key, params) => translate(language, key, params);
}

/** Picks the current language's side of a message from the main side. */
export function useBilingual(): (text: Bilingual) => string {
  const language = useLanguage((s) => s.language);
  return (text) => text[language];
}

/** Sizes, percentages, dates and "label: value" in the current language (i18n/format.ts). */
export function useFormat() {
  const language = useLanguage((s) => s.language);
  return {
    size: (bytes: number) => formatSize(language, bytes),
    percent: (ratio: number) => formatPercent(language, ratio),
    duration: formatDuration,
    dateTime: (at: string | Date, options?: { withSeconds?: boolean }) =>
      formatDateTime(language, at, options),
    labelled: (label: string, value: string) => labelled(language, label, value),
    /** "il y a 3 minutes": pair it with `useNow` so it moves on. */
    ago: (at: string | Date, now: Date) => formatRelative(language, at, now),
  };
}
