/**
 * Reads the simple `NAME = <literal>` assignments of an Esup-Pod `settings_local.py` without
 * running Python. Anything that would need evaluating (imports, calls, names, operators, blocks)
 * is reported in `skipped` with a short reason instead, so an admin can see what was not read.
 *
 * Shape: a lexer cuts the source into logical lines of tokens (Python's rules for brackets,
 * backslash continuations, comments and strings), then each top-level statement is classified
 * and its value read by a small recursive-descent literal parser.
 */
import { Buffer } from 'node:buffer';

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };
export interface PodAssignment {
  name: string;
  value: PyValue;
  line: number;
}
export interface SkippedStatement {
  name: string | null;
  line: number;
  reason: string;
}
export interface ParsedPodSettings {
  assignments: PodAssignment[];
  skipped: SkippedStatement[];
}

const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Python itself refuses deeper nesting; the cap also bounds the parser's recursion. */
const MAX_BRACKET_DEPTH = 200;
const SETTING_NAME = /^[A-Z_][A-Z0-9_]*$/;
const BLANKS = new Set([' ', '\t', '\f']);

/**
 * Parses a Pod settings file. Never throws on malformed Python: broken statements are skipped.
 * Throws only when the source is not a string or is larger than 2 MiB in UTF-8, which bounds the
 * work done.
 */
export function parsePodSettings(source: string): ParsedPodSettings {
  assertWithinLimit(source);
  const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const collector = new SettingsCollector();
  let block: OpenBlock | null = null;
  for (const line of new Lexer(src).logicalLines()) {
    if (block !== null && belongsToBlock(line, block)) continue;
    block = null;
    if (line.indented) {
      const entry = { name: null, line: line.line, reason: 'unexpected indent' };
      collector.skip(entry, []);
      block = { kind: 'indent' };
      continue;
    }
    block = handleTopLevelLine(line, src, collector);
  }
  return collector.result();
}

function assertWithinLimit(source: string): void {
  if (typeof source !== 'string') throw new TypeError('Pod settings source must be a string');
  // A UTF-8 encoding is never shorter than the UTF-16 length, so check that cheap bound first.
  if (source.length > MAX_SOURCE_BYTES || Buffer.byteLength(source, 'utf8') > MAX_SOURCE_BYTES) {
    throw new Error(
      `Pod settings file is too large to parse: more than ${MAX_SOURCE_BYTES} bytes (2 MiB).`,
    );
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Statements                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** What absorbs the following lines: an indented body, `else:`-like clauses, a decorated def. */
type BlockKind = 'indent' | 'compound' | 'decorator';
interface OpenBlock {
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

class SettingsCollector {
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

function belongsToBlock(line: LogicalLine, block: OpenBlock): boolean {
  if (line.indented) return true;
  const first = line.tokens[0];
  if (first?.kind === 'op') return block.kind === 'decorator' && first.text === '@';
  if (first?.kind !== 'name') return false;
  if (block.kind === 'compound') return CLAUSE_KEYWORDS.has(first.text);
  if (block.kind === 'decorator') return ['def', 'class', 'async'].includes(first.text);
  return false;
}

function handleTopLevelLine(
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

/* ------------------------------------------------------------------------------------------ */
/* Literal values                                                                             */
/* ------------------------------------------------------------------------------------------ */

/**
 * Internal signal for "this value is not a literal we read"; never escapes the module. Not an
 * Error subclass: capturing a stack trace for every skipped statement dominated the run time.
 */
class LiteralError {
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

type LiteralResult = { ok: true; value: PyValue } | { ok: false; reason: string };

function parseLiteral(tokens: readonly Token[]): LiteralResult {
  try {
    return { ok: true, value: new LiteralParser(tokens).parseStatementValue() };
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, reason: error.message };
    throw error;
  }
}

const NON_LITERAL_KEYWORDS = new Set(words('lambda not await yield'));
const OPERATOR_WORDS = new Set(words('and or not in is'));
const EXPRESSION_OPERATORS = new Set(words('+ - * / // % ** @ << >> & | ^ ~ < > <= >= == !='));

class LiteralParser {
  private readonly tokens: readonly Token[];
  private index = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  /** The right-hand side of `NAME = …`, where a bare `1, 2` is a tuple. */
  parseStatementValue(): PyValue {
    if (this.tokens.length === 0) throw new LiteralError('syntax error: missing value');
    const first = this.parseValue();
    if (!this.peekOp(',')) {
      this.expectEnd();
      return first;
    }
    const items = [first];
    while (this.takeOp(',') && this.peek() !== undefined) items.push(this.parseValue());
    this.expectEnd();
    return items;
  }

  private parseValue(): PyValue {
    let negate = false;
    let signed = false;
    for (let token = this.peek(); isOp(token, '-') || isOp(token, '+'); token = this.peek()) {
      if (isOp(token, '-')) negate = !negate;
      signed = true;
      this.index++;
    }
    const operand = this.peek();
    const value = this.parseAtom();
    if (!signed) return value;
    if (typeof value !== 'number') {
      throw new LiteralError('not a literal: sign applied to a non-number');
    }
    // Python ints have no negative zero; only a float such as -0.0 keeps its sign.
    const isIntZero =
      value === 0 && operand?.kind === 'number' && !numberLiteral(operand.text).isFloat;
    return negate && !isIntZero ? -value : value;
  }

  private parseAtom(): PyValue {
    const token = this.peek();
    if (token === undefined) throw new LiteralError('syntax error: missing value');
    switch (token.kind) {
      case 'string':
        return this.parseStrings();
      case 'number':
        this.index++;
        return numberLiteral(token.text).value;
      case 'name':
        return this.parseName(token);
      case 'op':
        return this.parseBracketed(token);
    }
  }

  /** Adjacent literals concatenate, also across lines inside brackets. */
  private parseStrings(): string {
    let text = '';
    for (let token = this.peek(); token?.kind === 'string'; token = this.peek()) {
      this.index++;
      text += stringValue(token);
    }
    return text;
  }

  private parseName(token: NameToken): PyValue {
    this.index++;
    if (token.text === 'True') return true;
    if (token.text === 'False') return false;
    if (token.text === 'None') return null;
    if (NON_LITERAL_KEYWORDS.has(token.text)) {
      throw new LiteralError(`not a literal: ${token.text} expression`);
    }
    let dotted = token.text;
    for (let next = this.peek(1); this.peekOp('.') && next?.kind === 'name'; next = this.peek(1)) {
      dotted += `.${next.text}`;
      this.index += 2;
    }
    const what = this.peekOp('(') ? 'calls' : 'references';
    throw new LiteralError(`not a literal: ${what} ${dotted}`);
  }

  private parseBracketed(token: OpToken): PyValue {
    switch (token.text) {
      case '(':
        this.index++;
        return this.parseParenthesized();
      case '[':
        this.index++;
        return this.parseSequence(']');
      case '{':
        this.index++;
        return this.parseBraced();
      case '*':
      case '**':
        throw new LiteralError('not a literal: unpacking');
      case '...':
        throw new LiteralError('not a literal: Ellipsis');
      default:
        throw unexpected(token);
    }
  }

  /** `()` and `(a,)` are tuples, `(a)` is just `a`. */
  private parseParenthesized(): PyValue {
    if (this.takeOp(')')) return [];
    const first = this.parseValue();
    if (this.takeOp(')')) return first;
    this.expectOp(',');
    return [first, ...this.parseSequence(')')];
  }

  private parseSequence(close: string): PyValue[] {
    const items: PyValue[] = [];
    while (!this.takeOp(close)) {
      items.push(this.parseValue());
      if (this.takeOp(close)) break;
      this.expectOp(',');
    }
    return items;
  }

  private parseBraced(): PyValue {
    if (this.takeOp('}')) return {};
    let key = this.parseValue();
    if (this.peekOp(',') || this.peekOp('}')) {
      throw new LiteralError('not a literal: set literals are not supported');
    }
    const dict: { [key: string]: PyValue } = {};
    for (;;) {
      this.expectOp(':');
      setEntry(dict, dictKey(key), this.parseValue());
      if (this.takeOp('}')) return dict;
      this.expectOp(',');
      if (this.takeOp('}')) return dict;
      key = this.parseValue();
    }
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private peekOp(text: string): boolean {
    return isOp(this.peek(), text);
  }

  private takeOp(text: string): boolean {
    if (!this.peekOp(text)) return false;
    this.index++;
    return true;
  }

  private expectOp(text: string): void {
    if (!this.takeOp(text)) throw unexpected(this.peek());
  }

  private expectEnd(): void {
    const token = this.peek();
    if (token !== undefined) throw unexpected(token);
  }
}

/** Explains why a token cannot continue a literal, naming the construct when it is a known one. */
function unexpected(token: Token | undefined): LiteralError {
  if (token === undefined) return new LiteralError('syntax error: unexpected end of value');
  const text = token.text.length > 20 ? `${token.text.slice(0, 20)}…` : token.text;
  if (token.kind === 'op') {
    if (EXPRESSION_OPERATORS.has(token.text)) {
      return new LiteralError(`not a literal: uses operator '${token.text}'`);
    }
    if (token.text === '.') return new LiteralError('not a literal: attribute access');
    if (token.text === '(') return new LiteralError('not a literal: call');
    if (token.text === '[') return new LiteralError('not a literal: subscript');
  }
  if (token.kind === 'name') {
    if (token.text === 'for' || token.text === 'async') {
      return new LiteralError('not a literal: comprehension');
    }
    if (token.text === 'if') return new LiteralError('not a literal: conditional expression');
    if (OPERATOR_WORDS.has(token.text)) {
      return new LiteralError(`not a literal: uses operator '${token.text}'`);
    }
  }
  return new LiteralError(`syntax error: unexpected '${text}'`);
}

function stringValue(token: StringToken): string {
  if (token.flavor === 'fstring') throw new LiteralError('f-string is not a literal');
  if (token.flavor === 'tstring') throw new LiteralError('t-string is not a literal');
  if (token.flavor === 'bytes') throw new LiteralError('bytes literals are not supported');
  if (token.error !== null) throw new LiteralError(token.error);
  return token.value;
}

/** JS objects only have string keys, so number keys become their decimal text. */
function dictKey(key: PyValue): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  throw new LiteralError('not supported: dict keys other than strings and numbers');
}

/** defineProperty keeps a key such as "__proto__" an ordinary entry. */
function setEntry(dict: { [key: string]: PyValue }, key: string, value: PyValue): void {
  Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
}

const DIGITS = String.raw`\d(?:_?\d)*`;
const INTEGER_PATTERNS = [
  /^0[xX](?:_?[0-9a-fA-F])+$/,
  /^0[oO](?:_?[0-7])+$/,
  /^0[bB](?:_?[01])+$/,
  /^(?:[1-9](?:_?\d)*|0(?:_?0)*)$/,
];
const FLOAT_PATTERN = new RegExp(
  String.raw`^(?:(?:${DIGITS}\.(?:${DIGITS})?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|${DIGITS}[eE][+-]?${DIGITS})$`,
);

function numberLiteral(text: string): { value: number; isFloat: boolean } {
  if (/[jJ]$/.test(text)) throw new LiteralError('not supported: complex numbers');
  const digits = text.replaceAll('_', '');
  if (INTEGER_PATTERNS.some((pattern) => pattern.test(text))) {
    // BigInt reads 0x/0o/0b prefixes and tells us when a double would round the value.
    const exact = BigInt(digits);
    if (exact > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new LiteralError(`not supported: integer ${text} is too large to read exactly`);
    }
    return { value: Number(exact), isFloat: false };
  }
  if (FLOAT_PATTERN.test(text)) {
    const value = Number(digits);
    // Python reads 1e400 as inf, which JSON and the settings store cannot hold.
    if (!Number.isFinite(value)) throw new LiteralError(`not supported: float ${text} overflows`);
    return { value, isFloat: true };
  }
  throw new LiteralError(`syntax error: invalid number '${text}'`);
}

/* ------------------------------------------------------------------------------------------ */
/* Lexer                                                                                      */
/* ------------------------------------------------------------------------------------------ */

type StringFlavor = 'str' | 'bytes' | 'fstring' | 'tstring';
interface TokenBase {
  /** Source text of the token. */
  text: string;
  start: number;
  end: number;
}
interface NameToken extends TokenBase {
  kind: 'name';
}
interface NumberToken extends TokenBase {
  kind: 'number';
}
interface OpToken extends TokenBase {
  kind: 'op';
}
interface StringToken extends TokenBase {
  kind: 'string';
  flavor: StringFlavor;
  value: string;
  /** A bad escape makes the literal invalid, without changing where the token ends. */
  error: string | null;
}
type Token = NameToken | NumberToken | OpToken | StringToken;

/** One Python logical line: physical lines joined by brackets or backslashes. */
interface LogicalLine {
  tokens: Token[];
  line: number;
  indented: boolean;
  /** Why the lexer stopped early; the tokens read before the problem are kept. */
  error: string | null;
}

interface OpenBracket {
  char: string;
  line: number;
}

/** Internal, like LiteralError: caught in the lexer and turned into the line's error. */
class LexError {
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

const IDENTIFIER = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
/** Deliberately greedy: numberLiteral() rejects malformed runs such as `1_` or `09`. */
const NUMBER = /(?:\d|\.\d)(?:[eE][+-]\d|[\w.])*/y;
const STRING_PREFIXES = new Set(words('r u f b t fr rf br rb tr rt'));
const CLOSER_OF = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);
const CLOSERS = new Set(CLOSER_OF.values());
/** Longest first, so that `**=` wins over `**` and `*`. */
const OPERATORS_BY_FIRST_CHAR = groupByFirstChar([
  ...words('**= //= >>= <<= ... -> := == != <= >= += -= *= /= %= &= |= ^= @= ** // << >>'),
  ...'+-*/%@&|^~<>()[]{},:;.=',
]);
/**
 * Inside an unclosed bracket, a column-0 line that starts like a new setting or import cannot be
 * part of the bracket in a real settings file, so the lexer restarts there instead of swallowing
 * the rest of the file into one broken statement.
 */
const NEW_STATEMENT_AT_LINE_START =
  /(?:[A-Z_][A-Z0-9_]*[ \t]*=(?!=)|(?:import|from|def|class)[ \t])/y;

function groupByFirstChar(operators: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const op of operators) {
    const first = op.charAt(0);
    groups.set(first, [...(groups.get(first) ?? []), op]);
  }
  return groups;
}

class Lexer {
  private readonly src: string;
  private pos = 0;
  private line = 1;
  /**
   * Where a triple-quoted scan already ran to the end of the source without a closer: a later
   * opener of the same kind cannot find one either, so it fails at once instead of rescanning.
   */
  private readonly unterminatedFrom = new Map<string, number>();

  constructor(src: string) {
    this.src = src;
  }

  logicalLines(): LogicalLine[] {
    const lines: LogicalLine[] = [];
    while (this.pos < this.src.length) {
      const lineStart = this.pos;
      this.skipBlanks();
      const ch = this.src[this.pos];
      if (ch === undefined) break;
      if (ch === '\n') {
        this.pos++;
        this.line++;
      } else if (ch === '#') {
        this.skipToLineEnd();
      } else {
        lines.push(this.readLogicalLine(this.pos > lineStart));
      }
    }
    return lines;
  }

  private readLogicalLine(indented: boolean): LogicalLine {
    const result: LogicalLine = { tokens: [], line: this.line, indented, error: null };
    const brackets: OpenBracket[] = [];
    for (;;) {
      this.skipBlanks();
      const ch = this.src[this.pos];
      if (ch === undefined) {
        if (brackets.length > 0) result.error = unclosedMessage(brackets);
        return result;
      }
      if (ch === '#') {
        this.skipToLineEnd();
      } else if (ch === '\n') {
        this.pos++;
        this.line++;
        if (brackets.length === 0) return result;
        if (this.matches(NEW_STATEMENT_AT_LINE_START)) {
          result.error = unclosedMessage(brackets);
          return result;
        }
      } else {
        const error = ch === '\\' ? this.continueLine() : this.tryReadToken(result, brackets);
        if (error !== null) {
          result.error = error;
          // Resume at the next physical line, where the next statement most likely starts.
          this.skipToLineEnd();
          return result;
        }
      }
    }
  }

  /** Backslash-newline joins lines; a backslash before anything else is an error. */
  private continueLine(): string | null {
    const next = this.src[this.pos + 1];
    if (next !== '\n' && next !== undefined) return 'unexpected character after line continuation';
    this.pos += next === undefined ? 1 : 2;
    if (next !== undefined) this.line++;
    return null;
  }

  private tryReadToken(result: LogicalLine, brackets: OpenBracket[]): string | null {
    try {
      result.tokens.push(this.readToken(brackets));
      return null;
    } catch (error) {
      if (error instanceof LexError) return error.message;
      throw error;
    }
  }

  /** Reads one token at `pos`; on error leaves `pos` at the token start. */
  private readToken(brackets: OpenBracket[]): Token {
    const start = this.pos;
    const word = this.matchAt(IDENTIFIER);
    if (word !== null) {
      const afterWord = this.src[start + word.length];
      const prefix = word.toLowerCase();
      if ((afterWord === '"' || afterWord === "'") && STRING_PREFIXES.has(prefix)) {
        return this.readString(start, prefix);
      }
      return this.emit({ kind: 'name', text: word, start, end: start + word.length });
    }
    const ch = this.src.charAt(start);
    if (ch === '"' || ch === "'") return this.readString(start, '');
    const number = this.matchAt(NUMBER);
    if (number !== null) {
      return this.emit({ kind: 'number', text: number, start, end: start + number.length });
    }
    const op = OPERATORS_BY_FIRST_CHAR.get(ch)?.find((o) => this.src.startsWith(o, start));
    if (op === undefined) {
      throw new LexError(`unexpected character ${describeChar(this.src, start)}`);
    }
    trackBracket(op, brackets, this.line);
    return this.emit({ kind: 'op', text: op, start, end: start + op.length });
  }

  private emit<T extends Token>(token: T): T {
    this.pos = token.end;
    return token;
  }

  private readString(start: number, prefix: string): StringToken {
    const quoteAt = start + prefix.length;
    const quote = this.src.charAt(quoteAt);
    const triple = quote.repeat(3);
    const delimiter = this.src.startsWith(triple, quoteAt) ? triple : quote;
    const bodyStart = quoteAt + delimiter.length;
    const bodyEnd = this.findClosingQuote(bodyStart, delimiter);
    const end = bodyEnd + delimiter.length;
    const token: StringToken = {
      kind: 'string',
      text: this.src.slice(start, end),
      start,
      end,
      ...decodeStringBody(this.src.slice(bodyStart, bodyEnd), prefix),
    };
    this.line += countNewlines(token.text);
    return this.emit(token);
  }

  private findClosingQuote(from: number, delimiter: string): number {
    const src = this.src;
    const multiline = delimiter.length === 3;
    const knownOpen = this.unterminatedFrom.get(delimiter);
    if (multiline && knownOpen !== undefined && from > knownOpen) {
      throw new LexError('unterminated triple-quoted string literal');
    }
    let i = from;
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        // The escaped character never closes the string, even in raw strings.
        i += 2;
      } else if (c === '\n' && !multiline) {
        throw new LexError('unterminated string literal');
      } else if (c === delimiter[0] && src.startsWith(delimiter, i)) {
        return i;
      } else {
        i++;
      }
    }
    if (!multiline) throw new LexError('unterminated string literal');
    this.unterminatedFrom.set(delimiter, from);
    throw new LexError('unterminated triple-quoted string literal');
  }

  private matchAt(pattern: RegExp): string | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.src)?.[0] ?? null;
  }

  private matches(pattern: RegExp): boolean {
    return this.matchAt(pattern) !== null;
  }

  private skipBlanks(): void {
    while (BLANKS.has(this.src.charAt(this.pos))) this.pos++;
  }

  /** Moves to the next newline without consuming it, so line counting stays in one place. */
  private skipToLineEnd(): void {
    const newline = this.src.indexOf('\n', this.pos);
    this.pos = newline === -1 ? this.src.length : newline;
  }
}

function trackBracket(op: string, brackets: OpenBracket[], line: number): void {
  if (CLOSER_OF.has(op)) {
    if (brackets.length >= MAX_BRACKET_DEPTH) throw new LexError('brackets nested too deeply');
    brackets.push({ char: op, line });
    return;
  }
  if (!CLOSERS.has(op)) return;
  const open = brackets.pop();
  if (open === undefined) throw new LexError(`unmatched '${op}'`);
  if (CLOSER_OF.get(open.char) !== op) {
    throw new LexError(`mismatched '${op}' closing '${open.char}' from line ${open.line}`);
  }
}

function unclosedMessage(brackets: readonly OpenBracket[]): string {
  const open = brackets[brackets.length - 1];
  return open === undefined
    ? 'syntax error'
    : `unclosed '${open.char}' opened on line ${open.line}`;
}

function describeChar(src: string, index: number): string {
  const code = src.codePointAt(index) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const printable = code > 0x20 && code !== 0x7f && !/\p{C}/u.test(String.fromCodePoint(code));
  return printable ? `'${String.fromCodePoint(code)}' (${hex})` : hex;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Keeps long keyword and operator tables on one line each. */
function words(list: string): string[] {
  return list.split(' ');
}

function isOp(token: Token | undefined, text: string): boolean {
  return token?.kind === 'op' && token.text === text;
}

function isOpener(token: Token | undefined): boolean {
  return token?.kind === 'op' && CLOSER_OF.has(token.text);
}

function isCloser(token: Token | undefined): boolean {
  return token?.kind === 'op' && CLOSERS.has(token.text);
}

/* ------------------------------------------------------------------------------------------ */
/* String bodies                                                                              */
/* ------------------------------------------------------------------------------------------ */

function decodeStringBody(
  body: string,
  prefix: string,
): { flavor: StringFlavor; value: string; error: string | null } {
  const flavor: StringFlavor = prefix.includes('f')
    ? 'fstring'
    : prefix.includes('t')
      ? 'tstring'
      : prefix.includes('b')
        ? 'bytes'
        : 'str';
  // Only plain strings are ever used as values, and raw ones keep their backslashes.
  if (flavor !== 'str' || prefix.includes('r')) return { flavor, value: body, error: null };
  return { flavor, ...decodeEscapes(body) };
}

const SIMPLE_ESCAPES = new Map([
  ['\n', ''],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
  ['a', '\x07'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
]);
const HEX_ESCAPE_LENGTH = new Map([
  ['x', 2],
  ['u', 4],
  ['U', 8],
]);

function decodeEscapes(body: string): { value: string; error: string | null } {
  let value = '';
  let i = 0;
  for (let slash = body.indexOf('\\'); slash !== -1; slash = body.indexOf('\\', i)) {
    value += body.slice(i, slash);
    const escape = readEscape(body, slash + 1);
    if (typeof escape === 'string') return { value: '', error: escape };
    value += escape.text;
    i = escape.next;
  }
  return { value: value + body.slice(i), error: null };
}

/** Decodes the escape whose letter is at `at`; returns an error message when it is invalid. */
function readEscape(body: string, at: number): { text: string; next: number } | string {
  const letter = body.charAt(at);
  const simple = SIMPLE_ESCAPES.get(letter);
  if (simple !== undefined) return { text: simple, next: at + 1 };
  const octal = /^[0-7]{1,3}/.exec(body.slice(at, at + 3))?.[0];
  if (octal !== undefined) {
    return { text: String.fromCharCode(parseInt(octal, 8)), next: at + octal.length };
  }
  const hexLength = HEX_ESCAPE_LENGTH.get(letter);
  if (hexLength !== undefined) {
    const hex = body.slice(at + 1, at + 1 + hexLength);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? parseInt(hex, 16) : -1;
    if (code < 0 || code > 0x10ffff) return `invalid \\${letter} escape in string`;
    return { text: String.fromCodePoint(code), next: at + 1 + hexLength };
  }
  if (letter === 'N') return 'not supported: \\N{…} escapes in strings';
  // Python keeps unknown escapes such as "\d" as written.
  return { text: `\\${letter}`, next: at + 1 };
}
