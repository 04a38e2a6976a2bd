import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/** STYLE.md: a broken ffmpeg is reported when the console starts, not at the first job. */
describe('ffmpeg self-test at start', () => {
  let dir: string;
  let app: RegieApp | undefined;
  afterEach(async () => {
    await app?.close();
    removeTempDir(dir);
  });

  const journalKinds = async (app: RegieApp) => {
    for (let i = 0; i < 100; i++) {
      const kinds = (await app.api.invoke('journal.list', {})).map((e) => e.kind);
      if (kinds.some((k) => k.startsWith('media.'))) return kinds;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return [];
  };

  it('journals ffmpeg as ready when it passes', async () => {
    dir = makeTempDir();
    app = createApp({ dataDir: join(dir, 'data'), watch: true });
    expect(await journalKinds(app)).toContain('media.ready');
  });

  it('journals an error naming the setting when FFMPEG_CMD is wrong', async () => {
    dir = makeTempDir();
    const setup = createApp({ dataDir: join(dir, 'data') });
    await setup.api.invoke('settings.set', { key: 'FFMPEG_CMD', value: '/nonexistent/ffmpeg' });
    await setup.close();
    app = createApp({ dataDir: join(dir, 'data'), watch: true });
    expect(await journalKinds(app)).toContain('media.unavailable');
    const entry = (await app.api.invoke('journal.list', {})).find(
      (e) => e.kind === 'media.unavailable',
    );
    expect(entry?.level).toBe('error');
    expect(entry?.text.en).toContain('FFMPEG_CMD');
  });
});
