import { spawn } from 'node:child_process';
import type { Bilingual } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { trackChild } from './children';

/** How a run ended without success. `aborted` is the caller's own cancel, not a failure of the program. */
export type ProgramFailure = 'spawn' | 'exit' | 'timeout' | 'aborted' | 'output';

/**
 * A program that could not be started, exited non-zero, ran too long, was cancelled, or printed
 * something we could not read. It carries what an operator needs to reproduce the failure in a
 * terminal: the exact arguments and the end of stderr (STYLE.md, "Running ffmpeg").
 */
export class ProgramError extends RegieError {
  readonly program: string;
  readonly args: readonly string[];
  readonly failure: ProgramFailure;
  /** Null when the program did not exit by itself (not started, killed by a signal). */
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;

  constructor(init: {
    program: string;
    args: readonly string[];
    failure: ProgramFailure;
    exitCode?: number | null;
    exitSignal?: NodeJS.Signals | null;
    stderrTail?: string;
    detail?: string;
    cause?: unknown;
  }) {
    const commandLine = formatCommandLine(init.program, init.args);
    // The message names the program and its last words; the whole command line is beside it.
    super(init.failure === 'aborted' ? 'cancelled' : 'program', programText(init), {
      detail: `${commandLine}: ${init.detail ?? describeFailure(init).en}`,
      command: commandLine,
      stderrTail: init.stderrTail ?? '',
      cause: init.cause,
    });
    this.name = 'ProgramError';
    this.program = init.program;
    this.args = [...init.args];
    this.failure = init.failure;
    this.exitCode = init.exitCode ?? null;
    this.exitSignal = init.exitSignal ?? null;
  }

  /** The command line, quoted for a POSIX shell, for the log and the "copy" button. */
  get commandLine(): string {
    return this.command ?? formatCommandLine(this.program, this.args);
  }

  /** The last `count` non-empty lines of stderr. */
  lastLines(count: number): string[] {
    return lastLines(this.stderrTail, count);
  }
}

/** `ffmpeg exited with code 1: <its last stderr line>`, and for a missing program, the fix. */
function programText(init: ConstructorParameters<typeof ProgramError>[0]): Bilingual {
  const name = init.program.split(/[\\/]/).at(-1) ?? init.program;
  const last = lastLines(init.stderrTail ?? '', 1)[0]
    ?.trim()
    .slice(0, 300);
  const en = `${name} ${init.detail ?? describeFailure(init).en}${last ? `: ${last}` : ''}`;
  const fr = `${name} ${init.detail ?? describeFailure(init).fr}${last ? ` : ${last}` : ''}`;
  if (init.failure !== 'spawn') return bi(en, fr);
  return bi(
    `${en}. Is it installed? Set its path in the settings (FFMPEG_CMD, FFPROBE_CMD) or put it on the PATH.`,
    `${fr}. Est-il installé ? Indiquez son chemin dans les réglages (FFMPEG_CMD, FFPROBE_CMD) ou mettez-le dans le PATH.`,
  );
}

/** How a program ended, in both languages. */
function describeFailure(init: {
  failure: ProgramFailure;
  exitCode?: number | null;
  exitSignal?: NodeJS.Signals | null;
}): Bilingual {
  switch (init.failure) {
    case 'spawn':
      return bi('could not be started', "n'a pas pu être lancé");
    case 'timeout':
      return bi('did not finish in time and was stopped', "n'a pas fini à temps et a été arrêté");
    case 'aborted':
      return bi('was cancelled', 'a été annulé');
    case 'output':
      return bi('printed output that could not be read', 'a affiché une sortie illisible');
    case 'exit':
      return init.exitSignal
        ? bi(`was killed by ${init.exitSignal}`, `a été tué par ${init.exitSignal}`)
        : bi(
            `exited with code ${String(init.exitCode)}`,
            `s'est terminé avec le code ${String(init.exitCode)}`,
          );
  }
}

export const lastLines = (text: string, count: number): string[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count);

const SHELL_SAFE = /^[\w@%+=:,./-]+$/;

/** `program args…` quoted for a POSIX shell, so it can be pasted into a terminal as is. */
export function formatCommandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map(quoteForShell).join(' ');
}

export function quoteForShell(word: string): string {
  if (SHELL_SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Longest partial line kept while waiting for its end (a program printing no newline at all). */
const MAX_PARTIAL_LINE = 64 * 1024;

/**
 * The last `maxLines` lines of a stream fed in arbitrary chunks. ffmpeg ends its status lines with
 * `\r`, so `\r` ends a line as well as `\n`; empty lines are dropped.
 */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines: number,
    private readonly onLine?: (line: string) => void,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r\n|\n|\r/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
    if (this.partial.length > MAX_PARTIAL_LINE) {
      this.add(this.partial);
      this.partial = '';
    }
  }

  /** Flushes the last line when the stream ends without a newline. */
  end(): void {
    if (this.partial !== '') this.add(this.partial);
    this.partial = '';
  }

  text(): string {
    const lines = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return lines.slice(-this.maxLines).join('\n');
  }

  private add(line: string): void {
    if (line.trim() === '') return;
    this.onLine?.(line);
    this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}

export interface RunOptions {
  /** Cancels the run: SIGTERM, then SIGKILL after `killGraceMs`; rejects with failure `aborted`. */
  signal?: AbortSignal;
  /** Stops the run the same way after this long; rejects with failure `timeout`. */
  timeoutMs?: number;
  /** Between SIGTERM and SIGKILL. Default 2 s. */
  killGraceMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How many stderr lines to keep. Default 200. */
  stderrLines?: number;
  /** Keep the whole of stdout in the result. Default true; off for long `-progress pipe:1` runs. */
  keepStdout?: boolean;
  /** Called for each line of stdout as it arrives (e.g. ffmpeg's `-progress pipe:1`). */
  onStdoutLine?: (line: string) => void;
  /** Called for each line of stderr as it arrives. */
  onStderrLine?: (line: string) => void;
}

export interface RunResult {
  stdout: string;
  stderrTail: string;
  exitCode: 0;
}

const DEFAULT_STDERR_LINES = 200;
const DEFAULT_KILL_GRACE_MS = 2000;

/**
 * Runs `program` with an argument array, never through a shell, so no file name is ever parsed
 * as shell syntax. Resolves on exit code 0; otherwise rejects with a ProgramError.
 */
export function run(
  program: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const { signal, timeoutMs, killGraceMs = DEFAULT_KILL_GRACE_MS } = options;
  const stderr = new LineTail(options.stderrLines ?? DEFAULT_STDERR_LINES, options.onStderrLine);
  const stdoutLines = options.onStdoutLine ? new LineTail(0, options.onStdoutLine) : null;
  const keepStdout = options.keepStdout ?? true;
  const fail = (init: Omit<ConstructorParameters<typeof ProgramError>[0], 'program' | 'args'>) =>
    new ProgramError({ program, args, stderrTail: stderr.text(), ...init });

  if (signal?.aborted) return Promise.reject(fail({ failure: 'aborted' }));

  return new Promise<RunResult>((resolve, reject) => {
    let stdout = '';
    let stoppedFor: 'timeout' | 'aborted' | null = null;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const child = spawn(program, [...args], {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Stopped on quit with every other child (children.ts).
    trackChild(child);

    const stop = (why: 'timeout' | 'aborted') => {
      if (stoppedFor || settled) return;
      stoppedFor = why;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
      killTimer.unref();
    };
    const onAbort = () => stop('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeout =
      timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), timeoutMs);

    const finish = (outcome: { ok: true } | { ok: false; error: ProgramError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      if (outcome.ok) resolve({ stdout, stderrTail: stderr.text(), exitCode: 0 });
      else reject(outcome.error);
    };

    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (keepStdout) stdout += chunk;
      stdoutLines?.push(chunk);
    });
    child.stderr.on('data', (chunk: string) => stderr.push(chunk));

    child.on('error', (error: NodeJS.ErrnoException) => {
      // Only a failed spawn reaches here before 'close'; a failed kill() of a process that has
      // already exited is harmless and 'close' follows.
      if (child.pid !== undefined) return;
      finish({
        ok: false,
        error: fail({
          failure: 'spawn',
          detail: `could not be started (${error.code ?? error.message})`,
          cause: error,
        }),
      });
    });

    child.on('close', (code, exitSignal) => {
      stderr.end();
      stdoutLines?.end();
      if (stoppedFor) {
        finish({ ok: false, error: fail({ failure: stoppedFor, exitCode: code, exitSignal }) });
      } else if (code === 0) {
        finish({ ok: true });
      } else {
        finish({ ok: false, error: fail({ failure: 'exit', exitCode: code, exitSignal }) });
      }
    });
  });
}
