import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { addUser } from '../helpers/app';
import { steppingClock } from '../helpers/clock';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

describe('journal.list by subject (a file’s history in the Inbox)', () => {
  let dir: string;
  let app: RegieApp;
  beforeEach(() => {
    dir = makeTempDir();
    app = createApp({ dataDir: dir, now: steppingClock() });
  });
  afterEach(async () => {
    await app.close();
    removeTempDir(dir);
  });

  it('keeps one subject’s entries, newest first', async () => {
    const a = await app.api.invoke('recorders.create', { name: 'A', directory: 'a' });
    await addUser(app, 'alice');
    await app.api.invoke('recorders.update', { id: a.id, patch: { name: 'A2' } });

    const story = await app.api.invoke('journal.list', { subject: `recorder:${String(a.id)}` });

    expect(story.map((e) => e.kind)).toEqual(['recorders.updated', 'recorders.created']);
    expect(await app.api.invoke('journal.list', {})).toHaveLength(3);
  });
});
