import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { RegieError } from '../../src-main/ground/errors';
import {
  createSftpSource,
  type RemoteFileReady,
  type SftpDownloadProgress,
  type SftpSource,
  type SftpSourceConfig,
} from '../../src-main/sftp';
import { namesIn, sha256 } from '../helpers/files';
import { startSshd, type Sshd } from '../helpers/sshd';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

type Status = { isConnected: boolean; error?: string; nextRetryInMs?: number };

describe('SFTP recorder source (real sshd)', () => {
  let dir: string;
  let workDir: string;
  let sshd: Sshd;
  let sources: SftpSource[];
  let clock: number;
  let ready: RemoteFileReady[];
  let seen: { relPath: string; size: number }[];
  let statuses: Status[];
  let progress: SftpDownloadProgress[];
  let fileErrors: { relPath: string; error: RegieError }[];
  let onProgress: (p: SftpDownloadProgress) => void;

  beforeEach(async () => {
    dir = makeTempDir();
    workDir = join(dir, 'work');
    sshd = await startSshd(join(dir, 'server'));
    sources = [];
    clock = 0;
    ready = [];
    seen = [];
    statuses = [];
    progress = [];
    fileErrors = [];
    onProgress = (p) => progress.push(p);
  });
  afterEach(async () => {
    for (const source of sources) await source.stop();
    await sshd.stop();
    removeTempDir(dir);
  });

  const configFor = (overrides: Partial<SftpSourceConfig> = {}): SftpSourceConfig => ({
    id: 7,
    name: 'amphi-a',
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKey: sshd.privateKey,
    remoteRoot: sshd.root,
    pollSeconds: 15,
    quietSeconds: 5,
    afterProcessing: 'leave',
    ...overrides,
  });
  const sourceFor = (overrides: Partial<SftpSourceConfig> = {}, now?: () => number) => {
    const source = createSftpSource(configFor(overrides), {
      workDir,
      now: now ?? (() => clock),
      events: {
        onReady: (file) => ready.push(file),
        onSeen: (relPath, size) => seen.push({ relPath, size }),
        onStatus: (status) => statuses.push(status),
        onProgress: (p) => onProgress(p),
        onFileError: (relPath, error) => fileErrors.push({ relPath, error }),
      },
    });
    sources.push(source);
    return source;
  };
  const remote = (relPath: string) => join(sshd.root, relPath);
  const writeRemote = (relPath: string, data: Buffer | string) => {
    mkdirSync(dirname(remote(relPath)), { recursive: true });
    writeFileSync(remote(relPath), data);
  };
  const local = (relPath: string) => join(workDir, 'sftp', '7', relPath);
  /** Polls at `at` seconds on the injected clock. */
  const pollAt = async (source: SftpSource, at: number) => {
    clock = at * 1000;
    seen = [];
    await source.pollOnce();
  };
  const fingerprint = (file: string) => {
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs, sha: sha256(file) };
  };

  it('offers a file only once it has been stable for the quiet period, then exactly once', async () => {
    const source = sourceFor();
    writeRemote('cours.mp4', randomBytes(1000));
    await pollAt(source, 0);
    expect(seen).toEqual([{ relPath: 'cours.mp4', size: 1000 }]);

    // The recorder writes again 3 s later: shorter than the quiet period.
    appendFileSync(remote('cours.mp4'), randomBytes(500));
    await pollAt(source, 3);
    expect(seen).toEqual([{ relPath: 'cours.mp4', size: 1500 }]);
    // 7 s after the first sight but only 4 s after the change: still waiting.
    await pollAt(source, 7);
    expect(ready).toEqual([]);
    expect(existsSync(local('cours.mp4'))).toBe(false);
    const before = fingerprint(remote('cours.mp4'));

    await pollAt(source, 8);
    expect(ready).toEqual([
      {
        sourceId: 7,
        relPath: 'cours.mp4',
        size: 1500,
        mtimeMs: Math.floor(before.mtimeMs / 1000) * 1000,
        localPath: local('cours.mp4'),
      },
    ]);
    expect(sha256(local('cours.mp4'))).toBe(before.sha);
    expect(namesIn(dirname(local('cours.mp4')))).toEqual(['cours.mp4']);

    await pollAt(source, 30);
    await pollAt(source, 60);
    expect(ready).toHaveLength(1);
    // Never touched on the server: same bytes, same mtime, nothing beside it.
    expect(fingerprint(remote('cours.mp4'))).toEqual(before);
    expect(namesIn(sshd.root)).toEqual(['cours.mp4']);
  });

  it('keeps the relative path of nested files and skips what is not a recording', async () => {
    const deep8 = 'd1/d2/d3/d4/d5/d6/d7/d8/deep8.mp4';
    writeRemote('amphi-a/2025-03-01/cours.mp4', 'a');
    writeRemote('top.mp4', 'bb');
    writeRemote(deep8, 'ccc');
    writeRemote('d1/d2/d3/d4/d5/d6/d7/d8/d9/deep9.mp4', 'dddd');
    writeRemote('empty.mp4', '');
    writeRemote('.hidden.mp4', 'hidden');
    writeRemote('.partial/upload.mp4', 'hidden');
    writeRemote('old.zip_treated', 'treated');
    writeRemote('archive_treated/inside.mp4', 'treated');
    symlinkSync('/etc/hostname', remote('link.mp4'));
    const source = sourceFor();

    await pollAt(source, 0);
    await pollAt(source, 5);
    expect(seen.sort((a, b) => a.relPath.localeCompare(b.relPath))).toEqual([
      { relPath: 'amphi-a/2025-03-01/cours.mp4', size: 1 },
      { relPath: deep8, size: 3 },
      { relPath: 'empty.mp4', size: 0 },
      { relPath: 'top.mp4', size: 2 },
    ]);
    expect(ready.map((r) => r.relPath).sort()).toEqual([
      'amphi-a/2025-03-01/cours.mp4',
      deep8,
      'top.mp4',
    ]);
    expect(readFileSync(local('amphi-a/2025-03-01/cours.mp4'), 'utf8')).toBe('a');
    expect(readFileSync(local(deep8), 'utf8')).toBe('ccc');
    expect(existsSync(local('empty.mp4'))).toBe(false);
    expect(fileErrors).toEqual([]);
  });

  it('resumes an interrupted 20 MB download from the .part offset after sshd comes back', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    writeRemote('big.mp4', data);
    const before = fingerprint(remote('big.mp4'));
    let stopping: Promise<void> | undefined;
    onProgress = (p) => {
      progress.push(p);
      // The first bytes have arrived: cut every session and the listener, as a crash would.
      if (stopping === undefined && p.downloaded > 0) stopping = sshd.stop();
    };
    const source = sourceFor();
    await pollAt(source, 0);
    clock = 5000;
    await expect(source.pollOnce()).rejects.toBeInstanceOf(RegieError);
    await stopping;
    expect(statuses.at(-1)?.isConnected).toBe(false);
    const partLength = statSync(`${local('big.mp4')}.part`).size;
    expect(partLength).toBeGreaterThan(0);
    expect(partLength).toBeLessThan(data.length);
    expect(ready).toEqual([]);

    await sshd.restart();
    progress = [];
    await pollAt(source, 6);
    expect(statuses.at(-1)).toEqual({ isConnected: true });
    // The second attempt started where the .part ended and fetched only the rest.
    expect(progress[0]?.startOffset).toBe(partLength);
    expect(progress.at(-1)).toEqual({
      relPath: 'big.mp4',
      size: data.length,
      startOffset: partLength,
      downloaded: data.length,
    });
    expect(ready.map((r) => r.relPath)).toEqual(['big.mp4']);
    expect(sha256(local('big.mp4'))).toBe(before.sha);
    expect(namesIn(dirname(local('big.mp4')))).toEqual(['big.mp4']);
    expect(fingerprint(remote('big.mp4'))).toEqual(before);
  });

  it('reconnects with a growing backoff after the server went away', async () => {
    const source = sourceFor({}, Date.now);
    source.start();
    await vi.waitFor(() => expect(statuses).toEqual([{ isConnected: true }]), { timeout: 10_000 });

    await sshd.stop();
    // Lost (retry in 1 s), then that retry is refused (retry in 2 s) …
    await vi.waitFor(() => expect(statuses).toHaveLength(3), { timeout: 10_000 });
    await sshd.restart();
    // … and the 2 s retry finds the server again.
    await vi.waitFor(() => expect(statuses).toHaveLength(4), { timeout: 10_000 });

    expect(statuses.map((s) => [s.isConnected, s.nextRetryInMs])).toEqual([
      [true, undefined],
      [false, 1000],
      [false, 2000],
      [true, undefined],
    ]);
    expect(statuses[2]?.error).toMatch(/unreachable/);
    await source.stop();
  });

  it('gives up on a server that stops answering, and stop() still returns', async () => {
    writeRemote('cours.mp4', 'recording');
    const source = createSftpSource(configFor(), {
      workDir,
      now: () => clock,
      operationTimeoutMs: 300,
      events: { onReady: (file) => ready.push(file), onStatus: (s) => statuses.push(s) },
    });
    sources.push(source);
    await source.pollOnce();
    // The session process is frozen: the connection stays open, nothing answers any more.
    const frozen = sshd.sessionPids();
    expect(frozen.length).toBeGreaterThan(0);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');

    const error: unknown = await source.pollOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegieError);
    expect((error as RegieError).text.en).toMatch(/no answer for 0.3 s to list/);
    expect(statuses.at(-1)?.isConnected).toBe(false);
    await source.stop();
    // Resumed processes find their peer gone; stop() in afterEach kills what is left.
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
  });

  it('renames the remote file to <name>_treated on finish, and only then', async () => {
    writeRemote('amphi/cours.mp4', 'recording');
    const source = sourceFor({ afterProcessing: 'rename' });
    await pollAt(source, 0);
    await pollAt(source, 5);
    expect(ready).toHaveLength(1);
    expect(namesIn(remote('amphi'))).toEqual(['cours.mp4']);

    await source.finish('amphi/cours.mp4');
    expect(namesIn(remote('amphi'))).toEqual(['cours.mp4_treated']);
    expect(readFileSync(remote('amphi/cours.mp4_treated'), 'utf8')).toBe('recording');
    await pollAt(source, 10);
    expect(seen).toEqual([]);
    await expect(source.finish('amphi/cours.mp4')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('moves the remote file into moveTo, keeping its relative path, on finish', async () => {
    writeRemote('amphi/cours.mp4', 'recording');
    // Inside the drop folder on purpose: the listing must not pick the moved files up again.
    const moveTo = remote('done');
    const source = sourceFor({ afterProcessing: 'move', moveTo });
    await pollAt(source, 0);
    await pollAt(source, 5);
    expect(ready).toHaveLength(1);
    expect(existsSync(moveTo)).toBe(false);

    await source.finish('amphi/cours.mp4');
    expect(readFileSync(join(moveTo, 'amphi/cours.mp4'), 'utf8')).toBe('recording');
    expect(namesIn(remote('amphi'))).toEqual([]);
    await pollAt(source, 10);
    await pollAt(source, 20);
    expect(seen).toEqual([]);
    expect(ready).toHaveLength(1);
  });

  it('leaves the remote file alone with "leave" and offers it again only after forget', async () => {
    writeRemote('cours.mp4', 'recording');
    const before = fingerprint(remote('cours.mp4'));
    const source = sourceFor({ afterProcessing: 'leave' });
    await pollAt(source, 0);
    await pollAt(source, 5);
    await source.finish('cours.mp4');
    await pollAt(source, 10);
    await pollAt(source, 20);
    expect(seen).toEqual([{ relPath: 'cours.mp4', size: 9 }]);
    expect(ready).toHaveLength(1);
    expect(fingerprint(remote('cours.mp4'))).toEqual(before);

    // Once Régie forgets it (the recording was deleted there), the file still on the server is
    // new again: seen, waited for, offered.
    source.forget('cours.mp4');
    await pollAt(source, 30);
    expect(ready).toHaveLength(1);
    await pollAt(source, 35);
    expect(ready.map((r) => r.relPath)).toEqual(['cours.mp4', 'cours.mp4']);
  });

  it('refuses ..-looking names from the listing and from callers', async () => {
    writeRemote('evil\\..\\..\\escape.mp4', 'evil');
    writeRemote('a..b.mp4', 'fine');
    writeFileSync(join(dir, 'server', 'outside.mp4'), 'outside');
    const source = sourceFor({ afterProcessing: 'rename' });
    await pollAt(source, 0);
    await pollAt(source, 5);
    await pollAt(source, 10);

    expect(ready.map((r) => r.relPath)).toEqual(['a..b.mp4']);
    expect(fileErrors).toHaveLength(1);
    expect(fileErrors[0]?.relPath).toBe('evil\\..\\..\\escape.mp4');
    expect(fileErrors[0]?.error.code).toBe('bad_request');
    expect(namesIn(join(workDir, 'sftp', '7'))).toEqual(['a..b.mp4']);
    expect(existsSync(join(workDir, 'escape.mp4'))).toBe(false);

    for (const bad of ['../outside.mp4', '/etc/hostname', 'amphi/../../outside.mp4', 'a\\b', '']) {
      await expect(source.finish(bad)).rejects.toMatchObject({ code: 'bad_request' });
      expect(() => source.forget(bad)).toThrow(RegieError);
    }
    expect(namesIn(join(dir, 'server'))).toContain('outside.mp4');
    expect(namesIn(join(dir, 'server'))).not.toContain('outside.mp4_treated');
  });

  it('keeps the password and the private key out of error messages', async () => {
    const password = 'S3cret-Pa55word';
    const keyBody = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
    const privateKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${keyBody}\n-----END OPENSSH PRIVATE KEY-----\n`;
    const messages: string[] = [];
    for (const overrides of [
      { password, privateKey: undefined },
      { password, privateKey },
    ]) {
      const source = sourceFor(overrides);
      const error: unknown = await source.pollOnce().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegieError);
      messages.push((error as RegieError).text.en, (error as RegieError).text.fr);
    }
    messages.push(...statuses.map((s) => s.error ?? ''));
    expect(statuses.every((s) => !s.isConnected)).toBe(true);
    for (const message of messages) {
      expect(message).toMatch(/amphi-a/);
      expect(message).not.toContain(password);
      expect(message).not.toContain(keyBody);
    }
  });
});
