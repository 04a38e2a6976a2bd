/**
 * Cuts the source into logical lines of tokens, following Python's rules for brackets,
 * backslash continuations, comments and strings.
 */
import { decodeStringBody } from './strings';
import { CLOSER_OF, CLOSERS, words } from './tokens';
import type { LogicalLine, StringToken, Token } from './tokens';

/** Python itself refuses deeper nesting; the cap also bounds the parser's recursion. */
const MAX_BRACKET_DEPTH = 200;
const BLANKS = new Set([' ', '\t', '\f']);

interface OpenBracket {
  char: string;
  line: number;
}

/** Internal, like LiteralError in literal.ts: caught in the lexer and turned into the line's error. */
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

export class Lexer {
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
