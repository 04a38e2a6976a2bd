import type { GlobalValues } from './context';
import type { CliIo } from './io';

/** One option of a command, as `parseArgs` would take it, with what `--help` says of it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Repeatable: `--group G --group H` gives `['G', 'H']`. */
  multiple?: boolean;
  /** The value's name in the usage (`--name N`). */
  value?: string;
  help: string;
}

type Options = Record<string, OptionSpec>;

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? boolean
  : O['multiple'] extends true
    ? string[]
    : string;

/** The parsed options, keyed as typed on the command line (`values['first-name']`). */
export type Values<O extends Options> = { [K in keyof O]?: ValueOf<O[K]> } & GlobalValues;

export interface LeafContext<O extends Options> {
  io: CliIo;
  values: Values<O>;
  /** In the order of `args`; an optional one (`KEY?`) may be missing. */
  positionals: string[];
}

export interface LeafCommand {
  kind: 'leaf';
  name: string;
  summary: string;
  /** Positional arguments: `NAME` is required, `NAME?` optional. */
  args: readonly string[];
  options: Options;
  /** Help text after the options: examples, notes. */
  notes?: string;
  /** Run when its group is given without a subcommand (`regie migrate --server …`). */
  isDefault?: boolean;
  run: (ctx: LeafContext<Options>) => Promise<void>;
}

export interface GroupCommand {
  kind: 'group';
  name: string;
  summary: string;
  children: readonly CommandNode[];
}

export type CommandNode = LeafCommand | GroupCommand;

/** A command that runs; `run` sees its options typed from `options`. */
export function leaf<const O extends Options = Record<never, OptionSpec>>(spec: {
  name: string;
  summary: string;
  args?: readonly string[];
  options?: O;
  notes?: string;
  isDefault?: boolean;
  run: (ctx: LeafContext<O>) => Promise<void>;
}): LeafCommand {
  return {
    kind: 'leaf',
    name: spec.name,
    summary: spec.summary,
    args: spec.args ?? [],
    options: spec.options ?? {},
    ...(spec.notes !== undefined ? { notes: spec.notes } : {}),
    ...(spec.isDefault ? { isDefault: true } : {}),
    run: spec.run as LeafCommand['run'],
  };
}

/** A command word that only groups others (`regie bbb server …`). */
export function group(
  name: string,
  summary: string,
  children: readonly CommandNode[],
): GroupCommand {
  return { kind: 'group', name, summary, children };
}

/** Every runnable command's words (`['bbb', 'server', 'add']`), depth first, in order. */
export function commandPaths(nodes: readonly CommandNode[], prefix: string[] = []): string[][] {
  return nodes.flatMap((node) =>
    node.kind === 'leaf'
      ? [node.isDefault ? prefix : [...prefix, node.name]]
      : commandPaths(node.children, [...prefix, node.name]),
  );
}
