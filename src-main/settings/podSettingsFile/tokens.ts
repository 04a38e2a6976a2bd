/** Token shapes shared by the lexer, the statement classifier and the literal parser. */

export type StringFlavor = 'str' | 'bytes' | 'fstring' | 'tstring';
interface TokenBase {
  /** Source text of the token. */
  text: string;
  start: number;
  end: number;
}
export interface NameToken extends TokenBase {
  kind: 'name';
}
export interface NumberToken extends TokenBase {
  kind: 'number';
}
export interface OpToken extends TokenBase {
  kind: 'op';
}
export interface StringToken extends TokenBase {
  kind: 'string';
  flavor: StringFlavor;
  value: string;
  /** A bad escape makes the literal invalid, without changing where the token ends. */
  error: string | null;
}
export type Token = NameToken | NumberToken | OpToken | StringToken;

/** One Python logical line: physical lines joined by brackets or backslashes. */
export interface LogicalLine {
  tokens: Token[];
  line: number;
  indented: boolean;
  /** Why the lexer stopped early; the tokens read before the problem are kept. */
  error: string | null;
}

export const CLOSER_OF = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);
export const CLOSERS = new Set(CLOSER_OF.values());

/** Keeps long keyword and operator tables on one line each. */
export function words(list: string): string[] {
  return list.split(' ');
}

export function isOp(token: Token | undefined, text: string): boolean {
  return token?.kind === 'op' && token.text === text;
}

export function isOpener(token: Token | undefined): boolean {
  return token?.kind === 'op' && CLOSER_OF.has(token.text);
}

export function isCloser(token: Token | undefined): boolean {
  return token?.kind === 'op' && CLOSERS.has(token.text);
}
