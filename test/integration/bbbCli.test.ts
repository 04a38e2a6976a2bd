import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, runRegieAsync } from '../helpers/cli';
import { manyRecordings, startBbbSimulator, type BbbSimulator } from '../helpers/bbbSimulator';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

let dir: string;
let sim: BbbSimulator;
beforeEach(async () => {
  dir = makeTempDir();
  sim = await startBbbSimulator({ flavour: 'bbb-2.7' });
});
afterEach(async () => {
  await sim.close();
  removeTempDir(dir);
});

const regie = (...args: string[]) =>
  runRegieAsync([...args, '--data', join(dir, 'data')], isolatedEnv(dir));

describe('regie bbb … (issue #5 §8)', () => {
  it('adds a server from a secret file, polls, lists meetings, matches and mirrors recordings', async () => {
    const secretFile = join(dir, 'secret');
    writeFileSync(secretFile, `${sim.secret}\n`);
    expect(
      (await regie('user', 'add', 'alopez', '--first-name', 'Ana', '--last-name', 'López')).code,
    ).toBe(0);
    const added = await regie(
      'bbb',
      'server',
      'add',
      '--name',
      'Campus',
      '--url',
      sim.url,
      '--secret-file',
      secretFile,
    );
    expect(added.stdout).toBe(`Server Campus added: ${sim.url} (2.x / Scalelite, reachable)\n`);

    const bad = await regie(
      'bbb',
      'server',
      'add',
      '--name',
      'X',
      '--url',
      'nope',
      '--secret',
      's',
      '--checksum',
      'md5',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--checksum must be sha1, sha256, sha384 or sha512, not "md5"/);

    sim.meetings.push({
      meetingId: 'hist',
      internalMeetingId: `${'d'.repeat(40)}-1763629200000`,
      name: 'Histoire',
      createTime: 1_763_629_200_000,
      recording: true,
      metadata: {},
      attendees: [
        { userId: '1', fullName: 'ana lopez', role: 'MODERATOR' },
        { userId: '2', fullName: 'Inconnu Total', role: 'MODERATOR' },
      ],
    });
    const poll = JSON.parse((await regie('bbb', 'poll', '--json')).stdout) as {
      servers: { ok: boolean; running: number }[];
    };
    expect(poll.servers).toMatchObject([{ ok: true, running: 1 }]);
    expect((await regie('bbb', 'meetings', '--running')).stdout).toMatch(
      /Histoire .* Inconnu Total \(none\)/,
    );

    const cases = JSON.parse((await regie('bbb', 'match', 'list', '--json')).stdout) as {
      attendeeId: number;
    }[];
    expect(cases).toHaveLength(1);
    expect(
      (await regie('bbb', 'match', 'set', String(cases[0]?.attendeeId), 'nobody')).code,
    ).not.toBe(0);
    expect(
      (await regie('bbb', 'match', 'set', String(cases[0]?.attendeeId), 'alopez')).stdout,
    ).toMatch(/remembered/);

    sim.recordings = manyRecordings(sim.host, 120);
    const mirrored = await regie('bbb', 'recordings', '--server', 'Campus', '--mirror', '--json');
    expect(mirrored.stderr).toMatch(/Campus: 120 listed, 120 written, paged, 2 request\(s\)/);
    expect(JSON.parse(mirrored.stdout)).toHaveLength(120);

    const publish = await regie(
      'bbb',
      'publish',
      manyRecordings(sim.host, 1)[0]?.recordId ?? '',
      '--owner',
      'alopez',
    );
    expect(publish.code).toBe(1);
    expect(publish.stderr).toMatch(/No matched moderator/);
    expect((await regie('bbb', 'publish', 'abc', '--owner', 'alopez')).stderr).toMatch(
      /RECORD_ID: "abc" is not mirrored/,
    );
  });
});
