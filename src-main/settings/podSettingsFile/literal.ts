/** A small recursive-descent parser for the Python literal on the right of `NAME = …`. */
import type { PyValue } from './types';
import { isOp, words } from './tokens';
import type { NameToken, OpToken, StringToken, Token } from './tokens';

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

export function parseLiteral(tokens: readonly Token[]): LiteralResult {
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
