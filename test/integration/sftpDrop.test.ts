import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecorderFile } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { makeClip } from '../helpers/clips';
import { startSshd, type Sshd } from '../helpers/sshd';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/**
 * Issue #3 §1, end to end: a recorder drops a file on another server; Régie, registered with
 * that server's SFTP folder, downloads it once it is complete, checks it like a local file,
 * offers it in the Inbox, and renames the remote file only after the claim.
 */
describe('SFTP drop folder through the Inbox', () => {
  let dir: string;
  let sshd: Sshd;
  let app: RegieApp;

  beforeEach(async () => {
    dir = makeTempDir();
    sshd = await startSshd(join(dir, 'sshd'));
    const dataDir = join(dir, 'data');
    const setup = createApp({ dataDir });
    await setup.api.invoke('users.create', {
      username: 'marie',
      firstName: 'Marie',
      lastName: 'Curie',
      isStaff: true,
    });
    await setup.api.invoke('recorders.create', { name: 'Amphi B', directory: 'amphi-b' });
    await setup.api.invoke('settings.set', { key: 'RECORDER_QUIET_SECONDS', value: 1 });
    await setup.api.invoke('settings.set', { key: 'ALLOW_MANUAL_RECORDING_CLAIMING', value: true });
    await setup.api.invoke('sftp.add', {
      name: 'Serveur FTP',
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKey: sshd.privateKey,
      remoteRoot: sshd.root,
      pollSeconds: 2,
    });
    await setup.close();
    app = createApp({ dataDir, watch: true });
  });

  afterEach(async () => {
    await app.close();
    await sshd.stop();
    removeTempDir(dir);
  });

  const waitFor = async (predicate: (files: RecorderFile[]) => RecorderFile | undefined) => {
    for (let i = 0; i < 120; i++) {
      const found = predicate(await app.api.invoke('inbox.list', {}));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out; files: ${JSON.stringify(await app.api.invoke('inbox.list', {}))}`);
  };

  it('downloads, checks, offers, and renames the remote file only after the claim', async () => {
    const clip = await makeClip(dir, 'clip.mp4', {
      seconds: 2,
      width: 320,
      height: 180,
      audio: true,
      video: true,
      container: 'mp4',
    });
    mkdirSync(join(sshd.root, 'amphi-b'), { recursive: true });
    const remote = join(sshd.root, 'amphi-b', 'cours.mp4');
    copyFileSync(clip, remote);

    const offered = await waitFor((files) =>
      files.find((f) => f.fileName === 'cours.mp4' && f.status === 'unclaimed'),
    );
    expect(offered.origin).toMatch(/^sftp:\d+$/);
    expect(offered.media?.durationS).toBeGreaterThan(1.5);
    // Offered, not yet processed: the recorder's file is untouched on the server.
    expect(existsSync(remote)).toBe(true);

    const [recording] = await app.api.invoke('inbox.assign', {
      ids: [offered.id],
      owner: 'marie',
      title: 'Cours SFTP',
    });
    expect(recording?.title).toBe('Cours SFTP');
    // The recording is made from the verified download, byte for byte the recorder's file.
    expect(readFileSync(recording?.sourcePath ?? '')).toEqual(readFileSync(clip));
    for (let i = 0; i < 40 && existsSync(remote); i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(existsSync(remote)).toBe(false);
    expect(existsSync(`${remote}_treated`)).toBe(true);
  });
});
