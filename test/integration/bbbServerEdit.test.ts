import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { RegieError } from '../../src-main/ground/errors';
import { startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { steppingClock } from '../helpers/clock';
import { rejectionOf } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

let dir: string;
let app: RegieApp;
let sim: BbbSimulator;

beforeEach(async () => {
  dir = makeTempDir();
  app = createApp({ dataDir: dir, now: steppingClock() });
  sim = await startBbbSimulator({ flavour: 'bbb-3.0' });
});
afterEach(async () => {
  await app.close();
  await sim.close();
  removeTempDir(dir);
});

describe('editing a BBB server', () => {
  it('changes name, URL form, checksum and auto publish, and keeps the secret when none is given', async () => {
    const added = await app.api.invoke('bbbServers.add', {
      name: 'Campus',
      url: sim.url,
      secret: sim.secret,
    });
    const origin = new URL(sim.url).origin;

    const updated = await app.api.invoke('bbbServers.update', {
      id: added.id,
      patch: { name: 'BBB Campus', url: `${origin}/bigbluebutton/`, autoPublish: true },
    });

    expect(updated).toMatchObject({
      id: added.id,
      name: 'BBB Campus',
      url: `${origin}/bigbluebutton/api`,
      autoPublish: true,
      checksum: 'sha256',
    });
    // The stored secret still signs: the connection test passes.
    const tested = await app.api.invoke('bbbServers.test', { id: added.id });
    expect(tested.isReachable).toBe(true);
    const [entry] = await app.api.invoke('journal.list', { limit: 1 });
    expect(entry?.kind).toBe('bbb.serverUpdated');
    expect(entry?.text.en).not.toContain(sim.secret);
  });

  it('takes a new secret, and forgets the last contact, which no longer holds', async () => {
    const added = await app.api.invoke('bbbServers.add', {
      name: 'Campus',
      url: sim.url,
      secret: sim.secret,
    });
    await app.api.invoke('bbbServers.test', { id: added.id });

    const updated = await app.api.invoke('bbbServers.update', {
      id: added.id,
      patch: { secret: 'not-the-secret' },
    });

    expect(updated.isReachable).toBeNull();
    const tested = await app.api.invoke('bbbServers.test', { id: added.id });
    expect(tested.isReachable).toBe(false);
  });

  it('reports every wrong field at once', async () => {
    await app.api.invoke('bbbServers.add', { name: 'Other', url: sim.url, secret: 's' });
    const added = await app.api.invoke('bbbServers.add', {
      name: 'Campus',
      url: sim.url,
      secret: 's',
    });

    const error = await rejectionOf(
      app.api.invoke('bbbServers.update', {
        id: added.id,
        patch: { name: 'Other', url: 'ftp://bbb.univ.fr' },
      }),
    );

    expect(error).toBeInstanceOf(RegieError);
    expect(Object.keys((error as RegieError).fieldErrors ?? {}).sort()).toEqual(['name', 'url']);
  });
});
