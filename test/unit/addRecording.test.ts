import { describe, expect, it } from 'vitest';
import { appPerTest } from '../helpers/app';
import { RegieError } from '../../src-main/ground/errors';
import { steppingClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';

describe('adding a recording (Pod’s "add a recording")', () => {
  const ctx = appPerTest(() => ({ now: steppingClock() }));

  it('reports the recorder, the file and the title at once when all three are wrong', async () => {
    const error = await rejectionOf(
      ctx.app.api.invoke('recordings.add', { recorderId: 999, relPath: '', title: ' ' }),
    );

    expect(error).toBeInstanceOf(RegieError);
    expect(Object.keys((error as RegieError).fieldErrors ?? {}).sort()).toEqual([
      'recorderId',
      'relPath',
      'title',
    ]);
  });
});
