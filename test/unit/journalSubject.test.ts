import { describe, expect, it } from 'vitest';
import { addUser, appPerTest } from '../helpers/app';
import { steppingClock } from '../helpers/clock';

describe('journal.list by subject (a file’s history in the Inbox)', () => {
  const ctx = appPerTest(() => ({ now: steppingClock() }));

  it('keeps one subject’s entries, newest first', async () => {
    const a = await ctx.app.api.invoke('recorders.create', { name: 'A', directory: 'a' });
    await addUser(ctx.app, 'alice');
    await ctx.app.api.invoke('recorders.update', { id: a.id, patch: { name: 'A2' } });

    const story = await ctx.app.api.invoke('journal.list', { subject: `recorder:${String(a.id)}` });

    expect(story.map((e) => e.kind)).toEqual(['recorders.updated', 'recorders.created']);
    expect(await ctx.app.api.invoke('journal.list', {})).toHaveLength(3);
  });
});
