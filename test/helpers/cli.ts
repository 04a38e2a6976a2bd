import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root: `bin/regie.js` is run from here, as a user would after `npm run build`. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for one test: the caller's PATH and Node, but HOME and the OS app-data folder
 * in the test's own directory, and no REGIE_* leaking in, so a command without --data can never
 * touch a real data directory.
 */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('REGIE_'));
  return { ...Object.fromEntries(inherited), HOME: home, XDG_CONFIG_HOME: home, ...extra };
}

/** Runs `node bin/regie.js ARGS…` to completion. */
export function runRegie(args: string[], env: NodeJS.ProcessEnv): CliResult {
  const result = spawnSync(process.execPath, ['bin/regie.js', ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Same as runRegie without blocking this process: for commands that talk to a server the test
 * itself runs (the BBB simulator), which a blocked event loop could not answer.
 */
export function runRegieAsync(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/regie.js', ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running command (serve) and hands back the process and its first stdout line. */
export async function startRegie(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{
  child: ChildProcess;
  firstLine: string;
  stderr: () => string;
  exited: Promise<number | null>;
}> {
  const child = spawn(process.execPath, ['bin/regie.js', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void exited.then((code) =>
      reject(new Error(`regie exited (${String(code)}) before printing: ${stderr}`)),
    );
  });
  return { child, firstLine, stderr: () => stderr, exited };
}
