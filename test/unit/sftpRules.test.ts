import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RegieError } from '../../src-main/ground/errors';
import { backoffMs } from '../../src-main/sftp/backoff';
import { redact } from '../../src-main/sftp/connection';
import { checkRelPath, insideRoot, localPathFor, remotePathFor } from '../../src-main/sftp/paths';

// The pure rules of the SFTP source; the behaviour against a real server is in sftpSource.test.ts.

describe('SFTP source rules', () => {
  it('maps a relative path below <workDir>/sftp/<id>/ and the remote root', () => {
    expect(localPathFor('/data/work', 3, 'amphi/2025/cours.mp4')).toBe(
      join('/data/work', 'sftp', '3', 'amphi', '2025', 'cours.mp4'),
    );
    expect(remotePathFor('/srv/ftp/recorders/', 'amphi/cours.mp4')).toBe(
      '/srv/ftp/recorders/amphi/cours.mp4',
    );
    expect(checkRelPath('a..b/..c.mp4')).toEqual(['a..b', '..c.mp4']);
  });

  it.each([
    ['..', 'an empty, "." or ".." segment'],
    ['../etc/passwd', 'an empty, "." or ".." segment'],
    ['amphi/../../x.mp4', 'an empty, "." or ".." segment'],
    ['amphi/./x.mp4', 'an empty, "." or ".." segment'],
    ['amphi//x.mp4', 'an empty, "." or ".." segment'],
    ['', 'an empty, "." or ".." segment'],
    ['/etc/passwd', 'an absolute path'],
    ['..\\..\\x.mp4', 'a path separator'],
    ['amphi\\x.mp4', 'a path separator'],
    ['x\0.mp4', 'a NUL character'],
  ])('refuses %j: it contains %s', (relPath, reason) => {
    for (const use of [
      () => localPathFor('/data/work', 3, relPath),
      () => remotePathFor('/srv/ftp', relPath),
    ]) {
      expect(use).toThrow(RegieError);
      expect(use).toThrow(reason);
    }
  });

  it('knows when the move target lies inside the drop folder', () => {
    expect(insideRoot('/srv/ftp', '/srv/ftp/done/')).toBe('done');
    expect(insideRoot('/srv/ftp/', '/srv/ftp/a/b')).toBe('a/b');
    expect(insideRoot('/srv/ftp', '/srv/ftp')).toBeUndefined();
    expect(insideRoot('/srv/ftp', '/srv/ftp-done')).toBeUndefined();
    expect(insideRoot('/srv/ftp', '/srv/done')).toBeUndefined();
  });

  it('backs off 1 s, 2 s, 4 s … up to 60 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 100].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('takes the password and the key lines out of a message', () => {
    const privateKey = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ',
      'AAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDx',
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\n');
    const message =
      'bad key b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ near AAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACDx, password hunter22!';
    expect(redact(message, { password: 'hunter22!', privateKey })).toBe(
      'bad key *** near ***, password ***',
    );
  });
});
