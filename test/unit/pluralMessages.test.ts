import { describe, expect, it } from 'vitest';
import { RegieError } from '../../src-main/ground/errors';
import { addUser, appPerTest } from '../helpers/app';
import { steppingClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';

describe('errors that name one or several things say them in the right number', () => {
  const ctx = appPerTest(() => ({ now: steppingClock() }));

  it('one unknown additional user', async () => {
    const error = await rejectionOf(
      ctx.app.api.invoke('recorders.create', {
        name: 'A',
        directory: 'a',
        additionalUsers: ['zoe'],
      }),
    );
    expect((error as RegieError).fieldErrors?.additionalUsers).toEqual({
      en: 'unknown user zoe',
      fr: 'utilisateur inconnu zoe',
    });
  });

  it('a manager of one recorder', async () => {
    const alice = await addUser(ctx.app, 'alice', { isStaff: true });
    await ctx.app.api.invoke('recorders.create', {
      name: 'Amphi A',
      directory: 'a',
      manager: 'alice',
    });
    const error = await rejectionOf(ctx.app.api.invoke('users.remove', { id: alice.id }));
    expect((error as RegieError).text.en).toContain('alice manages recorder Amphi A;');
    expect((error as RegieError).text.fr).toContain("alice gère l'enregistreur Amphi A ;");
  });
});
