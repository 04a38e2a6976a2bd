import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { RegieError } from '../../src-main/ground/errors';
import { addUser } from '../helpers/app';
import { steppingClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

describe('errors that name one or several things say them in the right number', () => {
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

  it('one unknown additional user', async () => {
    const error = await rejectionOf(
      app.api.invoke('recorders.create', { name: 'A', directory: 'a', additionalUsers: ['zoe'] }),
    );
    expect((error as RegieError).fieldErrors?.additionalUsers).toEqual({
      en: 'unknown user zoe',
      fr: 'utilisateur inconnu zoe',
    });
  });

  it('a manager of one recorder', async () => {
    const alice = await addUser(app, 'alice', { isStaff: true });
    await app.api.invoke('recorders.create', { name: 'Amphi A', directory: 'a', manager: 'alice' });
    const error = await rejectionOf(app.api.invoke('users.remove', { id: alice.id }));
    expect((error as RegieError).text.en).toContain('alice manages recorder Amphi A;');
    expect((error as RegieError).text.fr).toContain("alice gère l'enregistreur Amphi A ;");
  });
});
