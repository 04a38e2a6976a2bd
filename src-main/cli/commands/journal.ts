import type { JournalEntry } from '../../../src-preload/contract';
import { integerOption, parseCommand } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { table, UsageError } from '../io';

const rows = (entries: JournalEntry[]) =>
  entries.map((e) => ({
    at: e.at.replace('T', ' ').slice(0, 19),
    level: e.level,
    kind: e.kind,
    actor: e.actor,
    text: e.text.en,
  }));

/** `regie journal [--limit N]`: what happened, newest first, as the Journal panel shows it. */
export async function journalCommand(ctx: CommandContext): Promise<void> {
  const { values } = parseCommand(ctx.args, { limit: { type: 'string' } }, []);
  const limit = integerOption(values.limit, 'limit');
  if (limit !== undefined && (limit < 1 || limit > 1000))
    throw new UsageError(`--limit expects 1 to 1000, not ${String(limit)}`);
  await withApp(ctx.io, values, async (app) => {
    const entries = await app.api.invoke('journal.list', limit === undefined ? {} : { limit });
    print(ctx.io, values, entries, () => table(rows(entries), 'The journal is empty.'));
  });
}
