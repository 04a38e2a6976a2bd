import { describe, it, expect } from 'vitest';
import {
  LineTail,
  ProgramError,
  formatCommandLine,
  run,
  type RunOptions,
} from '../../src-main/media/run';

/** Runs a Node script as the program: a portable stand-in for ffmpeg's behaviours. */
const node = (script: string, args: string[] = [], options?: RunOptions) =>
  run(process.execPath, ['-e', script, '--', ...args], options);

async function failureOf(promise: Promise<unknown>): Promise<ProgramError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProgramError) return error;
    throw new Error(`expected a ProgramError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the run to fail, it succeeded');
}

describe('LineTail', () => {
  it('keeps the last lines across chunk boundaries, splitting on \\n, \\r\\n and \\r', () => {
    const tail = new LineTail(3);
    tail.push('one\ntw');
    tail.push('o\r\nthree\rfour');
    expect(tail.text()).toBe('two\nthree\nfour');
    tail.push('\nfive\n');
    expect(tail.text()).toBe('three\nfour\nfive');
  });

  it('drops empty lines and reports each complete line once', () => {
    const seen: string[] = [];
    const tail = new LineTail(10, (line) => seen.push(line));
    tail.push('a\n\n\nb\r\n');
    tail.push('c');
    expect(seen).toEqual(['a', 'b']);
    tail.end();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(tail.text()).toBe('a\nb\nc');
  });
});

describe('formatCommandLine', () => {
  it('quotes only what a POSIX shell would misread', () => {
    expect(
      formatCommandLine('/usr/bin/ffprobe', [
        '-v',
        'error',
        'file:/tmp/-é à.mp4',
        "it's",
        '',
        'a=b:c,d',
      ]),
    ).toBe(`/usr/bin/ffprobe -v error 'file:/tmp/-é à.mp4' 'it'\\''s' '' a=b:c,d`);
  });
});

describe('run', () => {
  it('passes every argument through unchanged, with no shell in between', async () => {
    const tricky = ['$(touch /tmp/regie-never)', '"quoted" \'single\'', '; rm -rf /', '-é à'];
    const { stdout, exitCode } = await node(
      'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
      tricky,
    );
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toEqual(tricky);
  });

  it('keeps stdout whole and the last 200 lines of stderr', async () => {
    const { stdout, stderrTail } = await node(
      'for (let i = 1; i <= 500; i++) console.error("line " + i); process.stdout.write("x".repeat(100000))',
    );
    expect(stdout).toHaveLength(100_000);
    const lines = stderrTail.split('\n');
    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('line 301');
    expect(lines.at(-1)).toBe('line 500');
  });

  it('streams stdout lines to a callback and can drop the stdout copy', async () => {
    const lines: string[] = [];
    const result = await node('console.log("out_time_us=1"); console.log("progress=end")', [], {
      keepStdout: false,
      onStdoutLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['out_time_us=1', 'progress=end']);
    expect(result.stdout).toBe('');
  });

  it('rejects a non-zero exit with the program, arguments, exit code and stderr tail', async () => {
    const error = await failureOf(
      node('console.error("first"); console.error("moov atom not found"); process.exit(3)', [
        'my file.mp4',
      ]),
    );
    expect(error).toMatchObject({
      failure: 'exit',
      exitCode: 3,
      exitSignal: null,
      program: process.execPath,
    });
    expect(error.args.at(-1)).toBe('my file.mp4');
    expect(error.stderrTail).toBe('first\nmoov atom not found');
    expect(error.lastLines(1)).toEqual(['moov atom not found']);
    // One line for the user (the program, how it ended, its last words); the command beside it.
    expect(error.message).toBe('node exited with code 3: moov atom not found');
    expect(error).toMatchObject({
      code: 'program',
      text: { fr: expect.stringContaining('code 3') },
    });
    expect(error.command).toContain("'my file.mp4'");
    expect(error.detail).toContain('exited with code 3');
  });

  it('rejects a program that does not exist as a spawn failure', async () => {
    const error = await failureOf(run('/nonexistent/ffmpeg', ['-version']));
    expect(error.failure).toBe('spawn');
    expect(error.exitCode).toBeNull();
    expect(error.message).toContain('ENOENT');
    expect(error.message).toContain('Is it installed?');
    expect(error.code).toBe('program');
  });

  it('stops a program that runs too long', async () => {
    const error = await failureOf(node('setTimeout(() => {}, 60000)', [], { timeoutMs: 200 }));
    expect(error.failure).toBe('timeout');
    expect(error.exitSignal).toBe('SIGTERM');
  });

  it('kills with SIGKILL a program that ignores SIGTERM', async () => {
    const script =
      'process.on("SIGTERM", () => {}); console.error("ready"); setTimeout(() => {}, 60000)';
    const controller = new AbortController();
    const running = node(script, [], {
      signal: controller.signal,
      killGraceMs: 200,
      onStderrLine: () => controller.abort(),
    });
    const error = await failureOf(running);
    expect(error.failure).toBe('aborted');
    expect(error.exitSignal).toBe('SIGKILL');
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failureOf(run('/nonexistent/ffmpeg', [], { signal: controller.signal }));
    expect(error.failure).toBe('aborted');
  });
});
