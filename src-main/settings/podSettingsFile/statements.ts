/**
 * Classifies each top-level statement of a logical line: a literal assignment to read, or a
 * statement to report as skipped (and which earlier settings it makes unreliable).
 */
import { parseLiteral } from './literal';
import { isCloser, isOp, isOpener, words } from './tokens';
import type { LogicalLine, Token } from './tokens';
import type { ParsedPodSettings, PodAssignment, SkippedStatement } from './types';

const SETTING_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** What absorbs the following lines: an indented body, `else:`-like clauses, a decorated def. */
type BlockKind = 'indent' | 'compound' | 'decorator';
export interface OpenBlock {
  kind: BlockKind;
}

type Outcome =
  | { kind: 'assign'; assignment: PodAssignment }
  | {
      kind: 'skip';
      skipped: SkippedStatement;
      /** Names whose earlier literal value is no longer what Python would end up with. */
      invalidates: readonly string[];
      block: BlockKind | null;
    };

const COMPOUND_KEYWORDS = new Set(
  words('if elif else for while def class try except finally with async'),
);
const CLAUSE_KEYWORDS = new Set(words('elif else except finally'));
const SIMPLE_KEYWORDS = new Set(
  words('del pass assert global nonlocal raise return break continue yield'),
);
const AUGMENTED_OPERATORS = new Set(words('+= -= *= /= //= %= **= >>= <<= &= |= ^= @='));

export class SettingsCollector {
  private readonly assignments = new Map<string, PodAssignment>();
  private readonly skipped: SkippedStatement[] = [];

  record(outcome: Outcome): void {
    if (outcome.kind === 'assign') this.assign(outcome.assignment);
    else this.skip(outcome.skipped, outcome.invalidates);
  }

  assign(assignment: PodAssignment): void {
    // Delete first so the surviving entry sits where the last assignment is, like Python's order.
    this.assignments.delete(assignment.name);
    this.assignments.set(assignment.name, assignment);
  }

  skip(entry: SkippedStatement, invalidates: readonly string[]): void {
    this.skipped.push(entry);
    for (const name of invalidates) this.assignments.delete(name);
  }

  result(): ParsedPodSettings {
    return { assignments: [...this.assignments.values()], skipped: this.skipped };
  }
}

export function belongsToBlock(line: LogicalLine, block: OpenBlock): boolean {
  if (line.indented) return true;
  const first = line.tokens[0];
  if (first?.kind === 'op') return block.kind === 'decorator' && first.text === '@';
  if (first?.kind !== 'name') return false;
  if (block.kind === 'compound') return CLAUSE_KEYWORDS.has(first.text);
  if (block.kind === 'decorator') return ['def', 'class', 'async'].includes(first.text);
  return false;
}

export function handleTopLevelLine(
  line: LogicalLine,
  src: string,
  collector: SettingsCollector,
): OpenBlock | null {
  if (line.error !== null) return recordBrokenLine(line, collector);
  for (const tokens of splitStatements(line.tokens)) {
    const outcome = classifyStatement(tokens, line.line, src);
    collector.record(outcome);
    if (outcome.kind === 'skip' && outcome.block !== null) return { kind: outcome.block };
  }
  return null;
}

/** A line the lexer gave up on: keep whatever name its first tokens show. */
function recordBrokenLine(line: LogicalLine, collector: SettingsCollector): OpenBlock | null {
  const [first, second] = line.tokens;
  const reason = line.error ?? 'syntax error';
  if (first?.kind === 'name' && COMPOUND_KEYWORDS.has(first.text)) {
    collector.skip({ name: null, line: line.line, reason }, []);
    return { kind: 'compound' };
  }
  const readable = first?.kind === 'name' && (second === undefined || isOp(second, '='));
  const name = readable ? first.text : null;
  collector.skip({ name, line: line.line, reason }, name === null ? [] : [name]);
  return null;
}

/** `A = 1; B = 2` holds two statements, but a compound statement owns its whole line. */
function splitStatements(tokens: readonly Token[]): Token[][] {
  const first = tokens[0];
  if (first === undefined) return [];
  if (isOp(first, '@') || (first.kind === 'name' && isBlockHeader(first.text, tokens))) {
    return [[...tokens]];
  }
  const statements: Token[][] = [[]];
  forEachWithDepth(tokens, (token, depth) => {
    if (depth === 0 && isOp(token, ';')) statements.push([]);
    else statements[statements.length - 1]?.push(token);
  });
  return statements.filter((statement) => statement.length > 0);
}

function isBlockHeader(word: string, tokens: readonly Token[]): boolean {
  if (COMPOUND_KEYWORDS.has(word)) return true;
  // `match` is a soft keyword: `match = 1` is an ordinary assignment.
  return word === 'match' && tokens.length > 2 && isOp(tokens[tokens.length - 1], ':');
}

function classifyStatement(tokens: Token[], line: number, src: string): Outcome {
  const first = tokens[0];
  if (first !== undefined && isOp(first, '@')) {
    return skip(null, line, 'block statement (decorator)', [], 'decorator');
  }
  if (first?.kind === 'name') {
    const keywordOutcome = classifyKeywordStatement(first.text, tokens, line);
    if (keywordOutcome !== null) return keywordOutcome;
  }
  const split = splitAssignment(tokens);
  if (split === null) return classifyNonAssignment(tokens, line, src);
  const [target, ...moreTargets] = split.targets;
  if (target === undefined || moreTargets.length > 0) {
    const names = split.targets.flatMap((t) =>
      t.length === 1 && t[0]?.kind === 'name' ? [t[0].text] : [],
    );
    return skip(names[0] ?? null, line, 'multiple-target assignment', names);
  }
  return classifySingleAssignment(target, split.value, line, src);
}

function classifyKeywordStatement(word: string, tokens: Token[], line: number): Outcome | null {
  if (isBlockHeader(word, tokens)) {
    const defined = tokens[1];
    const name =
      (word === 'def' || word === 'class') && defined?.kind === 'name' ? defined.text : null;
    return skip(name, line, `block statement (${word})`, name === null ? [] : [name], 'compound');
  }
  if (word === 'import' || word === 'from') return skip(null, line, 'import');
  if (SIMPLE_KEYWORDS.has(word)) {
    return skip(null, line, `${word} statement`, word === 'del' ? deletedNames(tokens) : []);
  }
  return null;
}

/** `del A, B` unbinds A and B; subscripts like `del A["k"]` are left alone. */
function deletedNames(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token, i) => {
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const standalone = (i === 1 || isOp(before, ',')) && (after === undefined || isOp(after, ','));
    return token.kind === 'name' && standalone ? [token.text] : [];
  });
}

/** Splits at the top-level `=` signs; null when there is none. */
function splitAssignment(tokens: readonly Token[]): { targets: Token[][]; value: Token[] } | null {
  const segments: Token[][] = [[]];
  let inLambda = false;
  forEachWithDepth(tokens, (token, depth) => {
    // A lambda's default arguments use `=` without assigning anything.
    if (depth === 0 && token.kind === 'name' && token.text === 'lambda') inLambda = true;
    if (depth === 0 && !inLambda && isOp(token, '=')) segments.push([]);
    else segments[segments.length - 1]?.push(token);
  });
  const value = segments.pop();
  if (value === undefined || segments.length === 0) return null;
  return { targets: segments, value };
}

function classifyNonAssignment(tokens: Token[], line: number, src: string): Outcome {
  const augmentedAt = findAtDepthZero(
    tokens,
    (token) => token.kind === 'op' && AUGMENTED_OPERATORS.has(token.text),
  );
  const operator = tokens[augmentedAt];
  if (operator !== undefined) {
    const target = describeTarget(tokens.slice(0, augmentedAt), src);
    return skip(target.name, line, `augmented assignment (${operator.text})`, target.invalidates);
  }
  const callee = leadingDottedName(tokens);
  if (callee === null || !isOp(tokens[callee.length], '(')) {
    return skip(null, line, 'not an assignment');
  }
  // `INSTALLED_APPS.append(…)` may change a setting read earlier, so forget its literal value.
  const receiver = callee.length > 1 ? callee.name.split('.', 1) : [];
  return skip(null, line, `not an assignment: calls ${callee.name}`, receiver);
}

function classifySingleAssignment(
  target: Token[],
  value: Token[],
  line: number,
  src: string,
): Outcome {
  const described = describeTarget(target, src);
  if (described.problem !== null) {
    return skip(described.name, line, described.problem, described.invalidates);
  }
  const name = described.name;
  if (!SETTING_NAME.test(name)) return skip(name, line, 'not an upper-case setting name', [name]);
  const parsed = parseLiteral(value);
  if (!parsed.ok) return skip(name, line, parsed.reason, [name]);
  return { kind: 'assign', assignment: { name, value: parsed.value, line } };
}

type TargetDescription =
  | { name: string; invalidates: string[]; problem: null }
  | { name: string | null; invalidates: string[]; problem: string };

/** Only a bare name is a setting; other targets get a name for the report when possible. */
function describeTarget(target: Token[], src: string): TargetDescription {
  const [first, second] = target;
  const last = target[target.length - 1];
  if (first?.kind === 'name' && target.length === 1) {
    return { name: first.text, invalidates: [first.text], problem: null };
  }
  if (first?.kind === 'name' && isOp(second, ':')) {
    return { name: first.text, invalidates: [first.text], problem: 'annotated assignment' };
  }
  const names = target.flatMap((token) => (token.kind === 'name' ? [token.text] : []));
  const hasComma = findAtDepthZero(target, (token) => isOp(token, ',')) !== -1;
  if (first === undefined || last === undefined) {
    return { name: null, invalidates: [], problem: 'syntax error: missing assignment target' };
  }
  if (hasComma || isOp(first, '(') || isOp(first, '[') || isOp(first, '*')) {
    return { name: null, invalidates: names, problem: 'unpacking assignment' };
  }
  const text = src.slice(first.start, last.end).replace(/\s+/g, ' ');
  if (first.kind === 'name' && isOp(last, ']')) {
    // Writing into a container changes the value an earlier literal gave it.
    return { name: text, invalidates: [first.text], problem: 'subscript assignment' };
  }
  if (target.some((token) => isOp(token, '.'))) {
    return { name: text, invalidates: [], problem: 'attribute assignment' };
  }
  return { name: null, invalidates: [], problem: 'unsupported assignment target' };
}

function skip(
  name: string | null,
  line: number,
  reason: string,
  invalidates: readonly string[] = [],
  block: BlockKind | null = null,
): Outcome {
  return { kind: 'skip', skipped: { name, line, reason }, invalidates, block };
}

function leadingDottedName(tokens: readonly Token[]): { name: string; length: number } | null {
  const first = tokens[0];
  if (first?.kind !== 'name') return null;
  let name = first.text;
  let length = 1;
  let next = tokens[length + 1];
  while (isOp(tokens[length], '.') && next?.kind === 'name') {
    name += `.${next.text}`;
    length += 2;
    next = tokens[length + 1];
  }
  return { name, length };
}

/** Calls `visit` for every token with the bracket depth around it; brackets count as outside. */
function forEachWithDepth(
  tokens: readonly Token[],
  visit: (token: Token, depth: number) => void,
): void {
  let depth = 0;
  for (const token of tokens) {
    if (isCloser(token)) depth--;
    visit(token, depth);
    if (isOpener(token)) depth++;
  }
}

function findAtDepthZero(tokens: readonly Token[], predicate: (token: Token) => boolean): number {
  let found = -1;
  let index = 0;
  forEachWithDepth(tokens, (token, depth) => {
    if (found === -1 && depth === 0 && predicate(token)) found = index;
    index++;
  });
  return found;
}
