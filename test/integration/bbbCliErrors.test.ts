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

/** `regie bbb server add --name NAME --url URL --secret-file …` with `secret`. */
const addServer = (name: string, url: string, secret: string, ...extra: string[]) => {
  const file = join(dir, `${name}.secret`);
  writeFileSync(file, `${secret}\n`);
  return regie(
    'bbb',
    'server',
    'add',
    '--name',
    name,
    '--url',
    url,
    '--secret-file',
    file,
    ...extra,
  );
};

const servers = async () =>
  JSON.parse((await regie('bbb', 'server', 'list', '--json')).stdout) as {
    name: string;
    url: string;
  }[];

/** A stack trace's frames, as Node prints them. */
const stackFrame = /^\s+at .+[:(]/m;

// issue #9 §1: the `/bigbluebutton/` form `bbb-conf --secret` prints was stored as
// `…/bigbluebutton/bigbluebutton/api`, and a server whose test failed was added anyway.
describe('regie bbb server add', () => {
  it('takes every URL form an admin pastes and shows the one API URL it stores', async () => {
    const root = sim.url.replace(/\/bigbluebutton\/api$/, '');
    const forms = [
      `${root}/bigbluebutton/`,
      root,
      `${root}/`,
      `${sim.url}/`,
      `${root}/bigbluebutton`,
    ];
    for (const [i, url] of forms.entries()) {
      const added = await addServer(`S${String(i)}`, url, sim.secret);
      expect(added.code).toBe(0);
      expect(added.stdout).toBe(
        `Server S${String(i)} added: ${sim.url} (2.x / Scalelite, reachable)\n`,
      );
    }
    expect((await servers()).map((s) => s.url)).toEqual(forms.map(() => sim.url));
  });

  it('adds nothing when the connection test fails, says why and what to check', async () => {
    const wrongSecret = await addServer('Campus', sim.url, 'not-the-secret');
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toMatch(
      /^regie: Server Campus not added: BigBlueButton Campus: getMeetings: checksum refused\. Check the secret \(bbb-conf --secret prints it\)/,
    );
    expect(wrongSecret.stderr).toContain(`${sim.url}/getMeetings`);
    expect(wrongSecret.stderr).toContain('--no-test');
    expect(wrongSecret.stderr).not.toContain('checksum=');
    expect(wrongSecret.stderr).not.toMatch(stackFrame);

    sim.behaviour.httpStatus = 404;
    const notFound = await addServer('Campus', sim.url, sim.secret);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toMatch(
      /HTTP 404, not found\. Check the URL: the API is usually https:\/\/host\/bigbluebutton\/api/,
    );
    sim.behaviour.httpStatus = null;

    const closed = await addServer('Closed', 'http://127.0.0.1:1/bigbluebutton/', sim.secret);
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(
      /BigBlueButton Closed: index: no answer \(ECONNREFUSED\)\. Check the host name/,
    );
    expect(closed.stderr).toContain('http://127.0.0.1:1/bigbluebutton/api');

    expect(await servers()).toEqual([]);
  });

  it('adds it anyway with --no-test', async () => {
    const added = await addServer('Campus', sim.url, 'not-the-secret', '--no-test');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Server Campus added: .* \(not tested/);
    expect((await servers()).map((s) => s.name)).toEqual(['Campus']);
  });
});

// issue #9 §2: `regie bbb recordings --mirror` against a failing server printed a BbbError with
// its stack (`at fetchStream (…cli.js:6557)`).
describe('regie bbb recordings --mirror against a failing server', () => {
  it('says what failed on which server and URL in one or two lines; the stack with --debug', async () => {
    expect((await addServer('Campus', sim.url, sim.secret)).code).toBe(0);
    sim.recordings = manyRecordings(sim.host, 3);
    sim.behaviour.httpStatus = 502;

    const failed = await regie('bbb', 'recordings', '--server', 'Campus', '--mirror');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
    expect(failed.stderr).toMatch(
      /^regie: BigBlueButton Campus: getRecordings: HTTP 502, server error\. The server is in trouble/,
    );
    expect(failed.stderr).toContain(`${sim.url}/getRecordings?state=any&offset=0&limit=100`);
    expect(failed.stderr).not.toContain('checksum');
    expect(failed.stderr).not.toMatch(stackFrame);

    const debug = await regie('bbb', 'recordings', '--server', 'Campus', '--mirror', '--debug');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('detail: getRecordings: HTTP 502');
    expect(debug.stderr).toMatch(stackFrame);
    expect(debug.stderr).not.toContain('checksum=');
  });
});
