import { Command, Option, type CommanderError } from 'commander';
import { regieVersion } from '../ground/version';
import type { GlobalValues } from './context';
import type { CliIo } from './io';
import type { CommandNode, LeafCommand, OptionSpec } from './spec';

/** Options every command takes, wherever they stand on the line. */
export const globalOptions = {
  data: {
    type: 'string',
    value: 'DIR',
    help: 'data directory (else REGIE_DATA, else the OS app-data folder)',
  },
  json: { type: 'boolean', help: 'machine-readable output' },
  as: { type: 'string', value: 'USERNAME', help: 'act as that user for this command' },
  debug: { type: 'boolean', help: 'show the technical detail and stack of an error' },
} as const satisfies Record<string, OptionSpec>;

/** `--first-name` → commander's attribute `firstName`. */
const attribute = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function optionOf(name: string, spec: OptionSpec): Option {
  const flags = spec.type === 'boolean' ? `--${name}` : `--${name} <${spec.value ?? 'VALUE'}>`;
  const option = new Option(flags, spec.help);
  if (spec.multiple) {
    option.argParser((value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      value,
    ]);
  }
  return option;
}

/** Commander's parsed options, keyed back as typed (`first-name`, `no-open`). */
function valuesOf(spec: LeafCommand['options'], parsed: Record<string, unknown>) {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(spec)) {
    // Commander reads `--no-open` as `open: false`.
    const value = name.startsWith('no-')
      ? parsed[attribute(name.slice(3))] === false
        ? true
        : undefined
      : parsed[attribute(name)];
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** The status a commander exit stands for: help and version are 0, bad arguments 2. */
export const exitStatusOf = (error: CommanderError): number => (error.exitCode === 0 ? 0 : 2);

/**
 * The `regie` program for one run: the commands of `tree` with their options, per-command help,
 * "did you mean", and errors written to `io` (never process.exit: the caller gets a CliExit).
 */
export function buildProgram(io: CliIo, tree: readonly CommandNode[]): Command {
  const program = new Command('regie')
    .description('Régie: the operator console for Esup-Pod and BigBlueButton media teams')
    .version(regieVersion, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show the usage of a command')
    .helpCommand('help [command...]', "show a command's usage: regie help bbb server add")
    .addHelpText(
      'after',
      '\nExit status: 0 done, 1 failed, 2 bad arguments. Shell completion: regie completion bash.',
    )
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for the usage)')
    .configureHelp({ showGlobalOptions: true, helpWidth: 100, sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: (text, write) => write(`regie: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride();
  for (const [name, spec] of Object.entries(globalOptions)) program.addOption(optionOf(name, spec));
  for (const node of tree) add(program, node, { io, globals: () => program.opts() });
  return program;
}

function add(
  parent: Command,
  node: CommandNode,
  run: { io: CliIo; globals: () => Record<string, unknown> },
): void {
  // `.command()` (not addCommand) so the child inherits the output and exit settings.
  const command = parent
    .command(node.name, node.kind === 'leaf' && node.isDefault ? { isDefault: true } : {})
    .description(node.summary);
  if (node.kind === 'group') {
    for (const child of node.children) add(command, child, run);
    return;
  }
  for (const arg of node.args)
    command.argument(arg.endsWith('?') ? `[${arg.slice(0, -1)}]` : `<${arg}>`);
  for (const [name, spec] of Object.entries(node.options)) command.addOption(optionOf(name, spec));
  if (node.notes !== undefined) command.addHelpText('after', `\n${node.notes}`);
  command.action(async () => {
    const global = run.globals() as GlobalValues;
    const values = { ...valuesOf(node.options, command.opts()), ...definedOnly(global) };
    await node.run({ io: run.io, values, positionals: [...command.args] });
  });
}

const definedOnly = (values: object) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
