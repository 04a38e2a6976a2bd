import { formatDuration as clock, formatPercent, formatSize as size } from '../i18n/format';
import { useLanguage } from '../i18n/i18n';

/*
 * The current language's forms, for components that already re-render on a language change
 * (every panel reads `useT`). New code prefers `useFormat()` from i18n/i18n.ts.
 */

/** 1,5 Go in French, 1.5 GB in English: decimal units, as file managers show them. */
export const formatSize = (bytes: number): string => size(useLanguage.getState().language, bytes);

/** 53 % in French, 53% in English; `percent` from 0 to 100. */
export const formatPercentOf100 = (percent: number): string =>
  formatPercent(useLanguage.getState().language, percent / 100);

/** 1:02:03, 4:05 */
export const formatDuration = clock;
