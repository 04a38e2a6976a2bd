import { create } from 'zustand';
import type { Bilingual } from '../../src-preload/contract';
import { en, type MessageKey } from './en';
import { fr } from './fr';

export type Language = 'fr' | 'en';

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

export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

export function translate(
  language: Language,
  key: MessageKey,
  params?: Record<string, string>,
): string {
  const text: string = language === 'fr' ? fr[key] : en[key];
  return params
    ? text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`)
    : text;
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
