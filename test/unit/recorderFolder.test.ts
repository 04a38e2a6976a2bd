import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { steppingClock } from '../helpers/clock';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

describe('a recorder’s drop folder', () => {
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

  it('is created with the recorder and shown as an absolute path', async () => {
    const recorder = await app.api.invoke('recorders.create', {
      name: 'Amphi A',
      directory: 'amphi-a',
    });

    const expected = join(dir, 'recorders', 'amphi-a');
    expect(recorder).toMatchObject({ dropPath: expected, folderProblem: null });
    expect(statSync(expected).isDirectory()).toBe(true);
    expect(await app.api.invoke('recorders.list', {})).toEqual([recorder]);
  });

  it('says in words why it could not be created, and still adds the recorder', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    await app.api.invoke('settings.set', { key: 'DEFAULT_RECORDER_PATH', value: blocker });

    const recorder = await app.api.invoke('recorders.create', { name: 'B', directory: 'b' });

    expect(recorder.dropPath).toBe(join(blocker, 'b'));
    expect(recorder.folderProblem?.en).toContain(join(blocker, 'b'));
    expect(recorder.folderProblem?.en).toMatch(/a file stands where/);
    expect(recorder.folderProblem?.fr).toMatch(/un fichier occupe/);
  });
});
