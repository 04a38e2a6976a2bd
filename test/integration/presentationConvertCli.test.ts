import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runRegieAsync } from '../helpers/cli';
import {
  playerFrameRecording,
  startPresentationServer,
  type PresentationServer,
} from '../helpers/presentationServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/** Issue #10 §7: `regie bbb convert PLAYBACK_URL --out FILE.mp4 [--json]`. */
let dir: string;
let server: PresentationServer;
const v27 = playerFrameRecording('v27');

beforeAll(async () => {
  dir = makeTempDir();
  server = await startPresentationServer({ [v27.recordId]: v27.folder });
});
afterAll(async () => {
  await server.close();
  removeTempDir(dir);
});

const regie = (...args: string[]) =>
  runRegieAsync([...args, '--data', join(dir, 'data')], isolatedEnv(dir));

describe('regie bbb convert', () => {
  it('converts a 2.3 playback URL, prints the method, duration, size and warnings as JSON, and removes its cache', async () => {
    const out = join(dir, 'v27.mp4');
    const result = await regie(
      'bbb',
      'convert',
      `${server.host}/playback/presentation/2.3/${v27.recordId}?t=5s`,
      '--out',
      out,
      '--size',
      '640x360',
      '--layout',
      'slides',
      '--json',
    );
    expect(result.stderr).toContain('render');
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({ out, method: 'render', width: 640, height: 360, warnings: [] });
    expect(Math.abs((printed['durationS'] as number) - 38)).toBeLessThan(0.5);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(join(dir, 'data', 'work', `presentation-${v27.recordId}`))).toBe(false);
  }, 120_000);

  it('reads the 2.0 playback.html?meetingId= form too', async () => {
    const out = join(dir, 'v27-old.mp4');
    const result = await regie(
      'bbb',
      'convert',
      `${server.host}/playback/presentation/2.0/playback.html?meetingId=${v27.recordId}`,
      '--out',
      out,
      '--size',
      '640x360',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/v27-old\.mp4: 38\.0 s, 640×360, .* MB \(method render\)/);
  }, 120_000);

  it('refuses what is neither a record id nor a playback URL, and an unknown recording, naming it', async () => {
    const bad = await regie('bbb', 'convert', 'not-an-id', '--out', join(dir, 'x.mp4'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"not-an-id" is neither a record id');
    const missing = await regie(
      'bbb',
      'convert',
      `${server.host}/playback/presentation/2.3/${'a'.repeat(40)}-1700000000000`,
      '--out',
      join(dir, 'y.mp4'),
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`${'a'.repeat(40)}-1700000000000`);
    expect(missing.stderr.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(3);
  }, 60_000);
});
