/**
 * Numbers, sizes, dates and plurals as each language writes them: "53 %" and "20 Mo" in French,
 * "53%" and "20 MB" in English, "1 fichier" / "0 fichier" / "2 files". Pure functions of the
 * language, so they are unit-tested without a browser.
 */
export type Language = 'fr' | 'en';

export type MessageParams = Record<string, string | number>;

const nbsp = '\u00a0';

/** 0.53 → "53 %" (fr, with the narrow no-break space Intl puts there) or "53%" (en). */
export function formatPercent(language: Language, ratio: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    ratio,
  );
}

export function formatNumber(language: Language, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: fractionDigits }).format(value);
}

const sizeUnits: Record<Language, readonly string[]> = {
  fr: ['o', 'Ko', 'Mo', 'Go', 'To'],
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
};

/** 1.5 Go / 1.5 GB, 230 Mo / 230 MB: decimal units, as file managers show them. */
export function formatSize(language: Language, bytes: number): string {
  const units = sizeUnits[language];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${formatNumber(language, value, digits)}${nbsp}${units[unit] ?? ''}`;
}

/** 1:02:03, 4:05: a clock, the same in both languages. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${String(h)}:${String(m).padStart(2, '0')}:${rest}` : `${String(m)}:${rest}`;
}

/** A date and time in the language's short form: 07/12/2026 14:05 or 12/7/26, 2:05 PM. */
export function formatDateTime(
  language: Language,
  at: string | Date,
  options: { withSeconds?: boolean } = {},
): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'short',
    timeStyle: options.withSeconds ? 'medium' : 'short',
  }).format(typeof at === 'string' ? new Date(at) : at);
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "il y a 3 minutes" / "3 minutes ago", "hier" / "yesterday": the largest unit that fits. */
export function formatRelative(language: Language, at: string | Date, now: Date): string {
  const seconds = ((typeof at === 'string' ? Date.parse(at) : at.getTime()) - now.getTime()) / 1000;
  const words = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of relativeUnits)
    if (Math.abs(seconds) >= size) return words.format(Math.round(seconds / size), unit);
  // Under a minute, seconds would tick on screen for nothing: "maintenant" / "now".
  return words.format(0, 'second');
}

/** "EMAIL_PORT : Enregistré" in French, "EMAIL_PORT: Saved" in English. */
export function labelled(language: Language, label: string, value: string): string {
  return language === 'fr' ? `${label} : ${value}` : `${label}: ${value}`;
}

/** The one/other/… category of a count, by the language's rule (French: 0 and 1 are singular). */
export function pluralCategory(language: Language, count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(language).select(count);
}

/** Finds the `}` closing the `{` at `open`, counting nested braces. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `one {# fichier} other {# fichiers}` → { one: '# fichier', other: '# fichiers' }. */
function pluralBranches(body: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('{', i);
    if (open === -1) break;
    const end = closing(body, open);
    if (end === -1) break;
    branches.set(body.slice(i, open).trim(), body.slice(open + 1, end));
    i = end + 1;
  }
  return branches;
}

/**
 * Fills a message: `{name}` takes a parameter; `{count, plural, one {# file} other {# files}}`
 * picks the branch for the count (ICU's syntax, `=0` too), `#` being the count as the language
 * writes numbers.
 */
export function formatMessage(language: Language, text: string, params?: MessageParams): string {
  if (!params) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open === -1) break;
    const end = closing(text, open);
    if (end === -1) break;
    out += text.slice(i, open);
    const inner = text.slice(open + 1, end);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (plural) {
      const count = Number(params[plural[1] ?? '']);
      const branches = pluralBranches(plural[2] ?? '');
      const branch =
        branches.get(`=${String(count)}`) ??
        branches.get(pluralCategory(language, count)) ??
        branches.get('other') ??
        '';
      out += formatMessage(language, branch.replace(/#/g, formatNumber(language, count)), params);
    } else {
      const value = params[inner.trim()];
      out += value === undefined ? `{${inner}}` : String(value);
    }
    i = end + 1;
  }
  return out + text.slice(i);
}
