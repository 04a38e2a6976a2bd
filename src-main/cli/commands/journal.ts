import type { JournalEntry } from '../../../src-preload/contract';
import { integerOption } from '../commandLine';
import { print, withApp } from '../context';
import { table, UsageError } from '../io';
import { leaf } from '../spec';

const rows = (entries: JournalEntry[]) =>
  entries.map((e) => ({
    at: e.at.replace('T', ' ').slice(0, 19),
    level: e.level,
    kind: e.kind,
    actor: e.actor,
    text: e.text.en,
  }));

/** `regie journal [--limit N]`: what happened, newest first, as the Journal panel shows it. */
export const journalCommand = leaf({
  name: 'journal',
  summary: 'what happened, newest first',
  options: { limit: { type: 'string', value: 'N', help: 'at most N entries (1–1000)' } },
  run: async ({ io, values }) => {
    const limit = integerOption(values.limit, 'limit');
    if (limit !== undefined && (limit < 1 || limit > 1000))
      throw new UsageError(`--limit expects 1 to 1000, not ${String(limit)}`);
    await withApp(io, values, async (app) => {
      const entries = await app.api.invoke('journal.list', limit === undefined ? {} : { limit });
      print(io, values, entries, () => table(rows(entries), 'The journal is empty.'));
    });
  },
});
