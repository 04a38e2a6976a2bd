import { readFileSync } from 'node:fs';
import type { SettingView } from '../../../src-preload/contract';
import { findDefinition } from '../../settings/definitions';
import { parseText } from '../../settings/values';
import { print, withApp } from '../context';
import { table, UsageError } from '../io';
import { group, leaf } from '../spec';

const shown = (s: SettingView): string => {
  if (s.isSecret) return s.hasValue ? '(secret, set)' : '(secret, not set)';
  return typeof s.value === 'string' ? s.value : JSON.stringify(s.value);
};
const clipped = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

const get = leaf({
  name: 'get',
  summary: 'print one setting, or all of them',
  args: ['KEY?'],
  run: async ({ io, values, positionals }) => {
    const key = positionals[0];
    if (key !== undefined && !findDefinition(key))
      throw new UsageError(`KEY: unknown setting "${key}"`);
    await withApp(io, values, async (app) => {
      const all = await app.api.invoke('settings.list', {});
      const chosen = key === undefined ? all : all.filter((s) => s.key === key);
      const one = chosen[0];
      if (key !== undefined && one) {
        print(io, values, one, () => `${shown(one)}\n`);
        return;
      }
      print(io, values, chosen, () =>
        table(
          chosen.map((s) => ({
            key: s.key,
            value: clipped(shown(s)),
            default: s.isDefault ? 'yes' : '',
          })),
          'No settings.',
        ),
      );
    });
  },
});

const set = leaf({
  name: 'set',
  summary: 'change a setting',
  args: ['KEY', 'VALUE'],
  notes: 'Booleans: true/false, oui/non; lists: a,b,c or JSON.',
  run: async ({ io, values, positionals }) => {
    const [key = '', text = ''] = positionals;
    const def = findDefinition(key);
    if (!def) throw new UsageError(`KEY: unknown setting "${key}"`);
    const parsed = parseText(def, text);
    if (!parsed.ok) throw new UsageError(`VALUE: ${parsed.why.en}`);
    await withApp(io, values, async (app) => {
      const view = await app.api.invoke('settings.set', { key, value: parsed.value });
      print(io, values, view, () => `${view.key} = ${shown(view)}\n`);
    });
  },
});

const importPod = leaf({
  name: 'import-pod',
  summary: "import the settings Régie knows from Pod's settings_local.py",
  args: ['FILE'],
  options: { 'dry-run': { type: 'boolean', help: 'say what would be imported, change nothing' } },
  run: async ({ io, values, positionals }) => {
    const file = positionals[0] ?? '';
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await withApp(io, values, async (app) => {
      const report = await app.api.invoke('settings.importPod', {
        source,
        dryRun: values['dry-run'] === true,
      });
      print(io, values, report, () => {
        const verbText = report.dryRun ? 'Would import' : 'Imported';
        const taken = report.imported.map(
          (i) => `  ${i.key} = ${i.value === null ? '(secret)' : JSON.stringify(i.value)}`,
        );
        const left = report.ignored.map(
          (i) => `  line ${String(i.line)}: ${i.name ?? '(statement)'}: ${i.reason.en}`,
        );
        return [
          `${verbText} ${String(report.imported.length)} setting(s):`,
          ...taken,
          `Ignored ${String(report.ignored.length)}:`,
          ...left,
          '',
        ].join('\n');
      });
    });
  },
});

/** `regie settings …`: Pod's setting names, typed. */
export const settingsCommand = group('settings', 'settings: get, set, import from Pod', [
  get,
  set,
  importPod,
]);
