import type { SettingView } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { Db } from '../db/open';
import type { SecretCipher } from '../secrets/cipher';
import {
  definitions,
  findDefinition,
  type SettingDefinition,
  type SettingKey,
  type SettingValue,
} from './definitions';
import { checkValue } from './values';

export interface SettingsStore {
  list(): SettingView[];
  view(key: string): SettingView;
  /**
   * The effective value (stored or default), typed by the setting's definition; secrets are
   * opened. Main side only.
   */
  get<K extends SettingKey>(key: K): SettingValue<K>;
  getString(key: SettingKey): string;
  getBoolean(key: SettingKey): boolean;
  set(key: string, value: unknown): SettingView;
  reset(key: string): SettingView;
}

interface Row {
  key: string;
  value: string;
}

export function createSettingsStore(db: Db, cipher: SecretCipher, now: () => Date): SettingsStore {
  const selectOne = db.prepare<[string], Row>('SELECT key, value FROM settings WHERE key = ?');
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');

  const definition = (key: string): SettingDefinition => {
    const def = findDefinition(key);
    if (!def) {
      throw new RegieError(
        'not_found',
        bi(`Unknown setting "${key}"`, `Paramètre inconnu « ${key} »`),
        { fieldErrors: { key: bi('unknown setting', 'paramètre inconnu') } },
      );
    }
    return def;
  };

  const stored = (def: SettingDefinition): { value: unknown } | undefined => {
    const row = selectOne.get(def.key);
    if (!row) return undefined;
    const parsed = JSON.parse(row.value) as unknown;
    if (def.isSecret && isSealed(parsed)) return { value: cipher.open(parsed.sealed) };
    return { value: parsed };
  };

  const view = (key: string): SettingView => {
    const def = definition(key);
    const current = stored(def);
    const value = current ? current.value : def.defaultValue;
    return {
      key: def.key,
      type: def.type,
      group: def.group,
      help: def.help,
      value: def.isSecret ? null : value,
      defaultValue: def.isSecret ? null : def.defaultValue,
      isDefault: current === undefined,
      isSecret: def.isSecret === true,
      hasValue: value !== '' && value !== null,
      ...(def.choices ? { choices: [...def.choices] } : {}),
    };
  };

  // Stored values passed checkValue against the same definition, so the cast holds.
  const get = <K extends SettingKey>(key: K): SettingValue<K> => {
    const def = definition(key);
    return (stored(def)?.value ?? def.defaultValue) as SettingValue<K>;
  };

  return {
    list: () => definitions.map((d) => view(d.key)),
    view,
    get,
    getString: (key) => String(get(key)),
    getBoolean: (key) => get(key) === true,
    set(key, value) {
      const def = definition(key);
      const checked = checkValue(def, value);
      if (!checked.ok) {
        throw new RegieError('validation', checked.why, { fieldErrors: { value: checked.why } });
      }
      const json = def.isSecret
        ? JSON.stringify({ sealed: cipher.seal(String(checked.value)) })
        : JSON.stringify(checked.value);
      upsert.run(def.key, json, now().toISOString());
      return view(def.key);
    },
    reset(key) {
      remove.run(definition(key).key);
      return view(key);
    },
  };
}

function isSealed(value: unknown): value is { sealed: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { sealed?: unknown }).sealed === 'string'
  );
}
