// What the process-based benches (pod.mjs, migration.mjs) share: bundling TypeScript entries the
// way scripts/build-node.mjs does, a simulator in its own process, one child process per
// measurement (so RSS figures are that child's alone), /proc readings, medians.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

/** Vite's `?raw` imports (the SQL migrations), as scripts/build-node.mjs gives them to esbuild. */
const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

/** One ESM bundle of TypeScript `contents` (imports relative to the repository's root). */
export async function bundle(contents, outfile) {
  const { build } = await import('esbuild');
  await build({
    stdin: { contents, resolveDir: repoRoot, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    plugins: [rawPlugin],
  });
}

/** `script --sim OPTIONS` in its own process; resolves with the JSON line it prints first. */
export async function startSim(script, options) {
  const proc = spawn(process.execPath, [script, '--sim', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout });
  const info = await new Promise((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    proc.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
  });
  return { info, pid: proc.pid, stop: () => proc.kill('SIGTERM') };
}

/** CPU seconds a process has used so far (utime + stime from /proc, in clock ticks of 10 ms). */
export function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** `measure()`, with the CPU seconds the simulator spent meanwhile. */
export async function withSimCpu(sim, measure) {
  const before = cpuOf(sim.pid);
  const result = await measure();
  return { ...result, simCpuS: cpuOf(sim.pid) - before };
}

/**
 * `script FLAG ARGS` in a child process; its last JSON line on stdout is the result. Killed after
 * `limitS` seconds; `nodeArgs` go before the script (`--expose-gc`, `--cpu-prof`…).
 */
export async function runChild(script, flag, args, { limitS = 300, nodeArgs = [] } = {}) {
  const proc = spawn(process.execPath, [...nodeArgs, script, flag, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  proc.stdout.on('data', (chunk) => (stdout += chunk));
  const timer = setTimeout(() => {
    stdout += `\n${JSON.stringify({ error: `no result after ${limitS} s` })}\n`;
    proc.kill('SIGKILL');
  }, limitS * 1000);
  const code = await new Promise((resolve) => proc.on('close', resolve));
  clearTimeout(timer);
  const last = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  const result = last ? JSON.parse(last) : {};
  if (code !== 0 && !result.error) return { error: `exit code ${code}` };
  return result;
}

/** In a child: a /proc/self/status figure in MB (VmHWM catches what a blocked timer would miss). */
export const vm = (key) =>
  Math.round(
    Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) /
      1024,
  );
/** Resets VmHWM to the current RSS (Linux ≥ 4.0: `5` in clear_refs). */
export const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');

export const cpuSeconds = ({ user, system }) => (user + system) / 1e6;

/** In a child: hands the result to runChild and exits. */
export function done(result) {
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
  process.exit(0);
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export function log(line) {
  process.stderr.write(`${line}\n`);
}
