import { CommanderError } from 'commander';
import { asRegieError, RegieError } from '../ground/errors';
import { regieVersion } from '../ground/version';
import { bbbCommand } from './commands/bbb';
import { encodeCommand } from './commands/encode';
import { gatewayCommand } from './commands/gateway';
import { jobsCommand, videosCommand } from './commands/jobs';
import { journalCommand } from './commands/journal';
import { podCommand } from './commands/pod';
import { migrateCommand } from './commands/migrate';
import { recorderCommand } from './commands/recorder';
import { recordingsCommand } from './commands/recordings';
import { serveCommand } from './commands/serve';
import { settingsCommand } from './commands/settings';
import { userCommand } from './commands/user';
import { webinarCommand } from './commands/webinar';
import { bashCompletion } from './completion';
import type { CliIo } from './io';
import { UsageError } from './io';
import { buildProgram, exitStatusOf } from './program';
import { leaf, type CommandNode } from './spec';

const version = leaf({
  name: 'version',
  summary: 'print the version',
  run: async ({ io }) => {
    io.out(`${regieVersion}\n`);
    return Promise.resolve();
  },
});

const completion = leaf({
  name: 'completion',
  summary: 'print a shell completion script: eval "$(regie completion bash)"',
  args: ['SHELL'],
  run: async ({ io, positionals }) => {
    if (positionals[0] !== 'bash')
      throw new UsageError(`SHELL: only bash is supported, not "${positionals[0] ?? ''}"`);
    io.out(bashCompletion(commandTree));
    return Promise.resolve();
  },
});

/** Every command, in the order `regie --help` lists them. */
export const commandTree: readonly CommandNode[] = [
  serveCommand,
  userCommand,
  recorderCommand,
  recordingsCommand,
  settingsCommand,
  encodeCommand,
  jobsCommand,
  videosCommand,
  journalCommand,
  bbbCommand,
  webinarCommand,
  gatewayCommand,
  podCommand,
  migrateCommand,
  completion,
  version,
];

/**
 * `regie help bbb server` is `regie bbb server --help`: commander's own help command reaches one
 * level only.
 */
function helpAsOption(argv: string[]): string[] {
  if (argv[0] !== 'help' || argv.length < 2) return argv;
  const words = argv.slice(1);
  let level: readonly CommandNode[] = commandTree;
  for (const word of words) {
    const node = level.find((n) => n.name === word);
    // An unknown word: commander says so, with "did you mean".
    if (!node) return words;
    level = node.kind === 'group' ? node.children : [];
  }
  return [...words, '--help'];
}

/**
 * Runs one command line; returns the exit status: 0 done, 1 failed, 2 bad arguments. Never calls
 * process.exit (testable). An expected failure is its one or two lines; the stack and technical
 * detail only with --debug.
 */
export async function runCli(io: CliIo): Promise<number> {
  const program = buildProgram(io, commandTree);
  if (io.argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(helpAsOption(io.argv), { from: 'user' });
    return 0;
  } catch (thrown) {
    if (thrown instanceof CommanderError) return exitStatusOf(thrown);
    const isDebug = program.opts<{ debug?: boolean }>().debug === true;
    return reportError(io, asRegieError(thrown), isDebug);
  }
}

function reportError(io: CliIo, error: unknown, isDebug: boolean): number {
  const debug = (lines: (string | undefined)[]) => {
    if (isDebug) io.err(lines.filter((l) => l !== undefined && l !== '').join('\n') + '\n');
  };
  if (error instanceof UsageError) {
    io.err(`regie: ${error.message}\n(add --help for the usage)\n`);
    debug([error.stack]);
    return 2;
  }
  if (error instanceof RegieError) {
    io.err(`regie: ${error.text.en}\n`);
    debug([
      error.detail && `detail: ${error.detail}`,
      error.command && `command: ${error.command}`,
      error.stderrTail && `stderr:\n${error.stderrTail}`,
      error.stack,
    ]);
    return error.code === 'bad_request' || error.code === 'validation' ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`regie: unexpected error: ${message}\n`);
  if (isDebug) debug([error instanceof Error ? error.stack : undefined]);
  else io.err('(run the same command with --debug for the details, and report it)\n');
  return 1;
}
