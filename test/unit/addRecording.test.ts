import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { RegieError } from '../../src-main/ground/errors';
import { steppingClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

describe('adding a recording (Pod’s "add a recording")', () => {
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

  it('reports the recorder, the file and the title at once when all three are wrong', async () => {
    const error = await rejectionOf(
      app.api.invoke('recordings.add', { recorderId: 999, relPath: '', title: ' ' }),
    );

    expect(error).toBeInstanceOf(RegieError);
    expect(Object.keys((error as RegieError).fieldErrors ?? {}).sort()).toEqual([
      'recorderId',
      'relPath',
      'title',
    ]);
  });
});
