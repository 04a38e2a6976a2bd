import { formatDuration as clock, formatSize as size } from '../i18n/format';
import { useLanguage } from '../i18n/i18n';

/*
 * The current language's forms, for components that already re-render on a language change
 * (every panel reads `useT`). New code prefers `useFormat()` from i18n/i18n.ts.
 */

/** 1,5 Go in French, 1.5 GB in English: decimal units, as file managers show them. */
export const formatSize = (bytes: number): string => size(useLanguage.getState().language, bytes);

/** 1:02:03, 4:05 */
export const formatDuration = clock;
