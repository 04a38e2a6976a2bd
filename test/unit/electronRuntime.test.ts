import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// What Electron's install.js prints where its release host is out of reach (issue #9 §11).
const offlineStack = `node:internal/deps/undici/undici:13510
      Error.captureStackTrace(err);
            ^

TypeError: fetch failed
    at node:internal/deps/undici/undici:13510:13
    at process.processTicksAndRejections (node:internal/process/task_queues:105:5)
    at async downloadArtifact (node_modules/@electron/get/dist/cjs/index.js:98:5) {
  [cause]: Error: getaddrinfo EAI_AGAIN github.com
}
`;

describe("npm start without Electron's runtime", () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  it('reports a failed download in one line, with no stack on the terminal', () => {
    const installer = join(dir, 'install.js');
    writeFileSync(
      installer,
      `process.stderr.write(${JSON.stringify(offlineStack)}); process.exit(1);`,
    );
    const script = `
      const { fetchRuntime } = await import(${JSON.stringify(join(repoRoot, 'scripts/electron-runtime.mjs'))});
      process.stdout.write(JSON.stringify(fetchRuntime({ installer: ${JSON.stringify(installer)} })));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });

    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      ok: false,
      reason: 'TypeError: fetch failed (getaddrinfo EAI_AGAIN github.com)',
    });
  });
});
