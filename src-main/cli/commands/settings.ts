import { readFileSync } from 'node:fs';
import type { SettingView } from '../../../src-preload/contract';
import { findDefinition } from '../../settings/definitions';
import { parseText } from '../../settings/values';
import { parseCommand } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { table, UsageError } from '../io';

const shown = (s: SettingView): string => {
  if (s.isSecret) return s.hasValue ? '(secret, set)' : '(secret, not set)';
  return typeof s.value === 'string' ? s.value : JSON.stringify(s.value);
};
const clipped = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

export async function settingsCommand(
  verb: string | undefined,
  ctx: CommandContext,
): Promise<void> {
  switch (verb) {
    case 'get': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['KEY?']);
      const key = positionals[0];
      if (key !== undefined && !findDefinition(key))
        throw new UsageError(`KEY: unknown setting "${key}"`);
      await withApp(ctx.io, values, async (app) => {
        const all = await app.api.invoke('settings.list', {});
        const chosen = key === undefined ? all : all.filter((s) => s.key === key);
        const one = chosen[0];
        if (key !== undefined && one) {
          print(ctx.io, values, one, () => `${shown(one)}\n`);
          return;
        }
        print(ctx.io, values, chosen, () =>
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
      return;
    }
    case 'set': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['KEY', 'VALUE']);
      const [key = '', text = ''] = positionals;
      const def = findDefinition(key);
      if (!def) throw new UsageError(`KEY: unknown setting "${key}"`);
      const parsed = parseText(def, text);
      if (!parsed.ok) throw new UsageError(`VALUE: ${parsed.why.en}`);
      await withApp(ctx.io, values, async (app) => {
        const view = await app.api.invoke('settings.set', { key, value: parsed.value });
        print(ctx.io, values, view, () => `${view.key} = ${shown(view)}\n`);
      });
      return;
    }
    case 'import-pod': {
      const { values, positionals } = parseCommand(ctx.args, { 'dry-run': { type: 'boolean' } }, [
        'FILE',
      ]);
      const file = positionals[0] ?? '';
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(
          `FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await withApp(ctx.io, values, async (app) => {
        const report = await app.api.invoke('settings.importPod', {
          source,
          dryRun: values['dry-run'] === true,
        });
        print(ctx.io, values, report, () => {
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
      return;
    }
    default:
      throw new UsageError(
        `settings: expected get, set or import-pod${verb ? `, not "${verb}"` : ''}`,
      );
  }
}
