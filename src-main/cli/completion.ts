import { globalOptions } from './program';
import type { CommandNode, OptionSpec } from './spec';

const flags = (options: Record<string, OptionSpec>) => Object.keys(options).map((n) => `--${n}`);

/**
 * A bash completion script for `tree`: command words at each level, then the options of the
 * command reached. Install with `regie completion bash > /etc/bash_completion.d/regie` or
 * `eval "$(regie completion bash)"` in ~/.bashrc.
 */
export function bashCompletion(tree: readonly CommandNode[]): string {
  const cases: string[] = [];
  const takingValue = new Set<string>(
    Object.entries(globalOptions)
      .filter(([, spec]) => spec.type === 'string')
      .map(([name]) => `--${name}`),
  );
  const global = [...flags(globalOptions), '--help'];
  const visit = (nodes: readonly CommandNode[], path: string[]) => {
    cases.push(`    "${path.join(' ')}") words="${nodes.map((n) => n.name).join(' ')}" ;;`);
    for (const node of nodes) {
      const at = [...path, node.name];
      if (node.kind === 'group') visit(node.children, at);
      else {
        for (const [name, spec] of Object.entries(node.options))
          if (spec.type === 'string') takingValue.add(`--${name}`);
        cases.push(
          `    "${at.join(' ')}") words="${[...flags(node.options), ...global].join(' ')}" ;;`,
        );
      }
    }
  };
  visit([...tree, { kind: 'group', name: 'help', summary: '', children: tree }], []);
  return `# bash completion for regie: eval "$(regie completion bash)"
_regie() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" words="" i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      ${[...takingValue].sort().join('|')}) ((i++)) ;;
      -*) ;;
      *) path="\${path:+$path }$w" ;;
    esac
  done
  case "$path" in
${cases.join('\n')}
    *) return 0 ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _regie regie
`;
}
