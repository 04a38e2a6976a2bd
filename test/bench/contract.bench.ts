import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { WebSocket } from 'ws';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { startHost, type RunningHost } from '../../src-main/host/server';

/**
 * What the contract costs: a call in-process (CLI), the same call over the web host's WebSocket
 * (browser console), and a cold start of the core (database open + migrations). Figures are
 * medians from `npm run bench`; compare the ratios, the machines are shared.
 */
let dir: string;
let app: RegieApp;
let host: RunningHost;
let socket: WebSocket;
let nextId = 1;
const waiting = new Map<number, () => void>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regie-bench-'));
  app = createApp({ dataDir: join(dir, 'data') });
  for (let i = 0; i < 50; i++) {
    await app.api.invoke('recorders.create', {
      name: `Salle ${String(i)}`,
      directory: `salle-${String(i)}`,
    });
  }
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  host = await startHost({ app, staticDir });
  const url = new URL(host.url);
  socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`, {
    origin: url.origin,
  });
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; id?: number };
    if (message.type === 'result' && message.id !== undefined) waiting.get(message.id)?.();
  });
  await new Promise((resolve) => socket.once('open', resolve));
});

afterAll(async () => {
  socket.close();
  await host.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recorders.list (50 recorders)', () => {
  bench('in-process api.call', async () => {
    await app.api.call('recorders.list', {});
  });
  bench('over the WebSocket', async () => {
    const id = nextId++;
    await new Promise<void>((resolve) => {
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, name: 'recorders.list', args: {} }));
    });
    waiting.delete(id);
  });
});

describe('core start', () => {
  bench(
    'createApp on a new data directory, then close',
    async () => {
      const fresh = mkdtempSync(join(tmpdir(), 'regie-bench-start-'));
      await createApp({ dataDir: fresh }).close();
      rmSync(fresh, { recursive: true, force: true });
    },
    { iterations: 30 },
  );
});
