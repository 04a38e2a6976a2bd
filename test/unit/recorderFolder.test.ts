import { describe, expect, it } from 'vitest';
import { appPerTest } from '../helpers/app';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { steppingClock } from '../helpers/clock';

describe('a recorder’s drop folder', () => {
  const ctx = appPerTest(() => ({ now: steppingClock() }));

  it('is created with the recorder and shown as an absolute path', async () => {
    const recorder = await ctx.app.api.invoke('recorders.create', {
      name: 'Amphi A',
      directory: 'amphi-a',
    });

    const expected = join(ctx.dir, 'recorders', 'amphi-a');
    expect(recorder).toMatchObject({ dropPath: expected, folderProblem: null });
    expect(statSync(expected).isDirectory()).toBe(true);
    expect(await ctx.app.api.invoke('recorders.list', {})).toEqual([recorder]);
  });

  it('says in words why it could not be created, and still adds the recorder', async () => {
    const blocker = join(ctx.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    await ctx.app.api.invoke('settings.set', { key: 'DEFAULT_RECORDER_PATH', value: blocker });

    const recorder = await ctx.app.api.invoke('recorders.create', { name: 'B', directory: 'b' });

    expect(recorder.dropPath).toBe(join(blocker, 'b'));
    expect(recorder.folderProblem?.en).toContain(join(blocker, 'b'));
    expect(recorder.folderProblem?.en).toMatch(/a file stands where/);
    expect(recorder.folderProblem?.fr).toMatch(/un fichier occupe/);
  });
});
