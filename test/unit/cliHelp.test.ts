import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandTree, runCli } from '../../src-main/cli/index';
import { commandPaths } from '../../src-main/cli/spec';
import { repoRoot } from '../helpers/cli';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

/** runCli in this process, with a data directory that must never be created by help. */
async function regie(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env: { REGIE_DATA: join(dir, 'data'), HOME: dir },
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    untilStopped: () => Promise.resolve(),
  });
  return { code, stdout, stderr };
}

const paths = commandPaths(commandTree);
const groups = [
  ...new Set(paths.flatMap((p) => p.slice(0, -1).map((_, i) => p.slice(0, i + 1).join(' ')))),
];

// issue #9 §3: `regie bbb recordings --help` ran the command and printed "No recording mirrored".
describe('regie help', () => {
  it.each(paths.map((p) => [p.join(' ')]))(
    '%s --help and -h print its usage without running it',
    async (path) => {
      const words = path.split(' ');
      for (const flag of ['--help', '-h']) {
        const result = await regie(...words, flag);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout).toMatch(new RegExp(`^Usage: regie ${path} `));
      }
      const viaHelp = await regie('help', ...words);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: regie ${path} `));
      expect(existsSync(join(dir, 'data'))).toBe(false);
    },
  );

  it.each(groups.map((g) => [g]))('%s --help lists its subcommands', async (path) => {
    const result = await regie(...path.split(' '), '--help');
    const children = paths.filter((p) => p.join(' ').startsWith(`${path} `));
    expect(result.code).toBe(0);
    for (const child of children)
      expect(result.stdout).toContain(`  ${child[path.split(' ').length] ?? ''}`);
  });

  it('lists every command, and the exit statuses, with no argument or "help"', async () => {
    for (const argv of [[], ['help'], ['--help']]) {
      const result = await regie(...argv);
      expect(result.code).toBe(0);
      for (const node of commandTree) expect(result.stdout).toContain(`  ${node.name}`);
      expect(result.stdout).toContain('Exit status: 0 done, 1 failed, 2 bad arguments');
    }
  });

  it('suggests the command meant, and exits 2, for an unknown one', async () => {
    const result = await regie('recorders', 'list');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'recorders'");
    expect(result.stderr).toContain('Did you mean recorder?');
    expect((await regie('bbb', 'recordngs')).stderr).toContain('Did you mean recordings?');
    expect((await regie('help', 'nothing')).code).toBe(2);
  });

  it('exits 2 for a missing argument, an extra one, an unknown option, a group alone', async () => {
    expect((await regie('user', 'remove')).code).toBe(2);
    expect((await regie('user', 'list', 'extra')).code).toBe(2);
    const unknown = await regie('recorder', 'list', '--colour');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--colour'");
    expect((await regie('bbb')).code).toBe(2);
  });

  it('prints the version', async () => {
    const version = (
      JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect((await regie('--version')).stdout).toBe(`${version}\n`);
    expect((await regie('version')).stdout).toBe(`${version}\n`);
  });
});

describe('regie completion bash', () => {
  /** What bash offers after `regie WORDS… <Tab>`, from the printed script. */
  const complete = (script: string, words: string[]) => {
    const line = ['regie', ...words, ''];
    const result = spawnSync(
      'bash',
      [
        '-c',
        `${script}\nCOMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${String(line.length - 1)}; _regie; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8' },
    );
    return result.stdout.trim().split('\n');
  };

  it('completes the commands, the subcommands and the options', async () => {
    const result = await regie('completion', 'bash');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('complete -o default -F _regie regie');
    expect(complete(result.stdout, [])).toEqual(
      expect.arrayContaining(commandTree.map((n) => n.name)),
    );
    expect(complete(result.stdout, ['bbb'])).toEqual([
      'server',
      'poll',
      'meetings',
      'recordings',
      'publish',
      'convert',
      'match',
    ]);
    expect(complete(result.stdout, ['bbb', 'server', 'add'])).toContain('--no-test');
    expect(complete(result.stdout, ['--data', '/tmp/x', 'user'])).toEqual([
      'add',
      'list',
      'remove',
    ]);
  });

  it('refuses another shell with exit 2', async () => {
    expect((await regie('completion', 'fish')).code).toBe(2);
  });
});

// The README's CLI reference lists every command `regie help` knows, and no other.
describe('README', () => {
  it('names the same commands as the CLI', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## CLI reference'),
      readme.indexOf('## Developing'),
    );
    const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const known = new Set(paths.map((p) => p.join(' ')));
    // `regie settings import-pod settings_local.py`: the longest known command is the command.
    const commandOf = (words: string) => {
      const parts = words.split(' ');
      for (let n = parts.length; n > 0; n--) {
        const path = parts.slice(0, n).join(' ');
        if (known.has(path)) return path;
      }
      return words;
    };
    const listed = new Set(
      [...block.matchAll(/(?:^|\| )regie ([a-z][a-z-]*(?: [a-z][a-z-]*)*)/gm)].map((m) =>
        commandOf(m[1] ?? ''),
      ),
    );
    expect([...listed].sort()).toEqual([...known].sort());
  });
});
