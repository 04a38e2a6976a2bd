import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

// The common pattern of /work/shared/recipes/test-servers.md: a free loopback port, a readiness
// wait on TCP that gives up as soon as the process has died, the server binary spawned directly
// (argument array, no shell) with a tail of its output kept for failure messages, and a stop that
// sends SIGTERM, then SIGKILL after a timeout, resolving when the process has exited.

export const LOOPBACK = '127.0.0.1';

/** A port nothing listens on right now: listen on port 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export interface SpawnedServer {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** The last lines the server wrote on stdout and stderr, for failure messages. */
  tail(): string;
  hasExited(): boolean;
  /** Resolves when the process has exited, with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnServerOptions {
  /** Used in error messages: `sshd`, `proftpd`, … */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** To run as another user from a root test (the recipe: spawn's uid/gid, never `su`). */
  uid?: number;
  gid?: number;
  tailLines?: number;
}

/** Servers still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns the server binary itself, stdin closed, keeping the last lines of its output. */
export function spawnServer(options: SpawnServerOptions): SpawnedServer {
  const keep = options.tailLines ?? 200;
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  running.add(child);
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let isDone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      isDone = true;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      isDone = true;
      lines.push(`spawn failed: ${error.message}`);
      resolve({ code: null, signal: null });
    });
  });
  return {
    name: options.name,
    child,
    pid: child.pid ?? -1,
    tail: () => lines.join('\n'),
    hasExited: () => isDone,
    exited,
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function canConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Polls a TCP connect every 25 ms until it works. Fails at once, with the server's output, when
 * the process has exited, and after `timeoutMs` otherwise.
 */
export async function waitForTcp(
  port: number,
  options: { host?: string; timeoutMs?: number; server?: SpawnedServer } = {},
): Promise<void> {
  const host = options.host ?? LOOPBACK;
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    if (options.server?.hasExited()) {
      throw new Error(`${options.server.name} exited before listening:\n${options.server.tail()}`);
    }
    if (await canConnect(port, host)) return;
    if (Date.now() > deadline) {
      const tail = options.server ? `:\n${options.server.tail()}` : '';
      throw new Error(`nothing listens on ${host}:${String(port)}${tail}`);
    }
    await delay(25);
  }
}

/** SIGTERM (or `signal`), then SIGKILL after `timeoutMs`; resolves once the process has exited. */
export async function stopServer(
  server: SpawnedServer,
  options: { signal?: NodeJS.Signals; timeoutMs?: number } = {},
): Promise<void> {
  if (server.hasExited()) return;
  server.child.kill(options.signal ?? 'SIGTERM');
  const timer = setTimeout(() => {
    if (!server.hasExited()) server.child.kill('SIGKILL');
  }, options.timeoutMs ?? 5000);
  try {
    await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The PIDs of every live descendant of `pid` (from /proc), for servers whose per-connection
 * children outlive the listener, like sshd's sessions.
 */
export function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (2nd field) is in parentheses and may contain spaces: parse after it.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const siblings = children.get(ppid) ?? [];
      siblings.push(Number(name));
      children.set(ppid, siblings);
    } catch {
      // The process ended while we were reading /proc: it is nobody's descendant any more.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** SIGKILL each PID, ignoring the ones that are already gone. */
export function killPids(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already exited (ESRCH) between listing and killing: nothing left to stop.
    }
  }
}
