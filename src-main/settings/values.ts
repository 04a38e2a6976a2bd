import type { Bilingual } from '../../src-preload/contract';
import { bi } from '../ground/errors';
import { checkRenditions } from '../media/renditionsCheck';
import type { SettingDefinition } from './definitions';

export type Checked = { ok: true; value: unknown } | { ok: false; why: Bilingual };

const fail = (en: string, fr: string): Checked => ({ ok: false, why: bi(en, fr) });
const isEmail = (s: string) => /^[^\s@<>]+@[^\s@<>]+$/.test(s);

/** Checks a typed value (from the UI, the API or an import) against its definition. */
export function checkValue(def: SettingDefinition, value: unknown): Checked {
  switch (def.type) {
    case 'string':
      if (typeof value !== 'string')
        return fail(`${def.key} expects text`, `${def.key} attend du texte`);
      if (def.choices && !def.choices.includes(value))
        return fail(
          `${def.key} expects one of ${def.choices.map((c) => `"${c}"`).join(', ')}, not "${value}"`,
          `${def.key} attend ${def.choices.map((c) => `« ${c} »`).join(' ou ')}, pas « ${value} »`,
        );
      return { ok: true, value };
    case 'boolean':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : fail(`${def.key} expects true or false`, `${def.key} attend true ou false`);
    case 'integer':
    case 'integerOrNull':
      if (value === null && def.type === 'integerOrNull') return { ok: true, value };
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { ok: true, value }
        : fail(`${def.key} expects a whole number`, `${def.key} attend un nombre entier`);
    case 'stringList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? { ok: true, value }
        : fail(`${def.key} expects a list of text values`, `${def.key} attend une liste de textes`);
    case 'people':
      return checkPeople(def.key, value);
    case 'renditions':
      return checkRenditions(def.key, value);
  }
}

function checkPeople(key: string, value: unknown): Checked {
  if (!Array.isArray(value)) {
    return fail(
      `${key} expects a list of [name, email]`,
      `${key} attend une liste de [nom, courriel]`,
    );
  }
  for (const entry of value) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      typeof entry[1] !== 'string' ||
      !isEmail(entry[1])
    ) {
      return fail(
        `${key}: ${JSON.stringify(entry)} is not [name, email]`,
        `${key} : ${JSON.stringify(entry)} n'est pas [nom, courriel]`,
      );
    }
  }
  return { ok: true, value };
}

const truthy = new Set(['true', '1', 'yes', 'on', 'oui', 'vrai']);
const falsy = new Set(['false', '0', 'no', 'off', 'non', 'faux']);

/**
 * Reads a value typed on the command line (`regie settings set KEY VALUE`): booleans as
 * true/false (or yes/no, oui/non), lists as JSON or comma-separated, people as JSON pairs or
 * `Name <email>, …`.
 */
export function parseText(def: SettingDefinition, text: string): Checked {
  const trimmed = text.trim();
  switch (def.type) {
    case 'string':
      return checkValue(def, text);
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (truthy.has(lower)) return { ok: true, value: true };
      if (falsy.has(lower)) return { ok: true, value: false };
      return fail(
        `${def.key} expects true or false, not "${text}"`,
        `${def.key} attend true ou false, pas « ${text} »`,
      );
    }
    case 'integer':
    case 'integerOrNull':
      if (def.type === 'integerOrNull' && (trimmed === '' || trimmed.toLowerCase() === 'null')) {
        return { ok: true, value: null };
      }
      return /^-?\d+$/.test(trimmed)
        ? checkValue(def, Number(trimmed))
        : fail(
            `${def.key} expects a whole number, not "${text}"`,
            `${def.key} attend un nombre entier, pas « ${text} »`,
          );
    case 'stringList':
      if (trimmed.startsWith('[')) return checkValue(def, parseJson(trimmed));
      return {
        ok: true,
        value:
          trimmed === ''
            ? []
            : trimmed
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== ''),
      };
    case 'people':
      if (trimmed.startsWith('[')) return checkValue(def, parseJson(trimmed));
      return checkValue(def, trimmed === '' ? [] : trimmed.split(',').map(parsePerson));
    case 'renditions':
      return checkValue(def, parseJson(trimmed));
  }
}

function parsePerson(text: string): unknown {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(text);
  return match ? [match[1], match[2]] : text.trim();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the type check that follows names the setting and what it expects.
    return text;
  }
}
