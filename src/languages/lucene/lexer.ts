/** Splits a Lucene query (Elasticsearch `query_string` syntax) into tokens with offsets and unescaped values. */
import type { LexedToken } from '../../text/token.js';
import type { Problem, ProblemKind } from '../kit/problem.js';
import { modelGlob, type GlobChar } from '../kit/glob.js';
import { lookupTable } from '../../text/lookup.js';

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'colon'
  | 'range'
  | 'rbracket'
  | 'rbrace'
  | 'compare'
  | 'and'
  | 'or'
  | 'not'
  | 'plus'
  | 'minus'
  | 'term'
  | 'phrase'
  | 'regex'
  | 'modifier'
  | 'eof';

/** Terms, phrases and regexes carry their value with the query syntax's escapes removed (a regex keeps its own). */
export interface Token extends LexedToken<TokenKind> {
  /** Terms: an unescaped `*` or `?` occurs. */
  wildcard: boolean;
  /** Terms with a wildcard: the value as the model's glob (escaped `*` and `?` literal). */
  glob?: string;
  /** Ranges: the bounds, null for an open `*` bound. */
  range?: { lower: string | null; upper: string | null; lowerInclusive: boolean; upperInclusive: boolean };
}

/** Characters that end a term; Lucene's classic grammar also refuses `/` and `!` inside one unless escaped. */
const TERM_STOP = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\u3000',
  '(',
  ')',
  ':',
  '^',
  '[',
  ']',
  '"',
  '{',
  '}',
  '~',
  '/',
  '!',
]);
const SINGLE: Readonly<Record<string, TokenKind>> = lookupTable({
  '(': 'lparen',
  ')': 'rparen',
  ':': 'colon',
  ']': 'rbracket',
  '}': 'rbrace',
  '!': 'not',
  '+': 'plus',
  '-': 'minus',
});
const OPERATOR_WORDS: Readonly<Record<string, TokenKind>> = lookupTable({ AND: 'and', OR: 'or', NOT: 'not' });

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000';
}

export function tokenize(text: string, problems: Problem[]): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value = '', glob?: string): number => {
    const token: Token = {
      kind,
      start,
      end,
      text: text.slice(start, end),
      value,
      wildcard: glob !== undefined,
    };
    if (glob !== undefined) token.glob = glob;
    tokens.push(token);
    return end;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
    if (isSpace(c)) i++;
    else if (pair === '&&') i = push('and', i, i + 2);
    else if (pair === '||') i = push('or', i, i + 2);
    else if (c === '>' || c === '<') i = push('compare', i, i + (text[i + 1] === '=' ? 2 : 1));
    else if (c === '[' || c === '{') i = range(text, i, tokens, problems);
    else if (SINGLE[c]) i = push(SINGLE[c], i, i + 1);
    else if (c === '"') i = quoted(text, i, '"', 'phrase', push, problems);
    else if (c === '/') i = quoted(text, i, '/', 'regex', push, problems);
    else if (c === '~' || c === '^') i = push('modifier', i, modifierEnd(text, i + 1));
    else i = term(text, i, push);
  }
  // End of input is reported where the text ends, not after trailing newlines on a line of its own.
  push('eof', text.trimEnd().length, text.trimEnd().length);
  return tokens;
}

type Push = (kind: TokenKind, start: number, end: number, value?: string, glob?: string) => number;

/** `~2`, `~0.8`, `^3`: fuzziness, proximity and boost change scoring, not what matches. */
function modifierEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && ((text[i] >= '0' && text[i] <= '9') || text[i] === '.')) i++;
  return i;
}

/** A phrase or a regex: up to the closing delimiter; a phrase drops its escapes, a regex keeps them but `\/`. */
function quoted(
  text: string,
  start: number,
  close: string,
  kind: TokenKind,
  push: Push,
  problems: Problem[],
): number {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== close) {
    if (text[i] === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      value += kind === 'regex' && next !== '/' ? `\\${next}` : next;
      i += 2;
    } else value += text[i++];
  }
  if (i >= text.length) {
    const what = kind === 'phrase' ? 'quoted phrase' : 'regular expression';
    problems.push({
      severity: 'error',
      kind: kind === 'phrase' ? 'unterminated-string' : 'unterminated-regex',
      message: `Unexpected end of input, expected '${close}' to close the ${what}`,
      start,
      end: text.length,
    });
    return push(kind, start, text.length, value);
  }
  return push(kind, start, i + 1, value);
}

/** A bare term: its escapes removed, its wildcards kept; `AND`, `OR`, `NOT` (upper case only) are operators. */
function term(text: string, start: number, push: Push): number {
  const chars: GlobChar[] = [];
  let wildcard = false;
  let i = start;
  while (i < text.length && !TERM_STOP.has(text[i])) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      chars.push({ char: text[i + 1], wild: false });
      i += 2;
      continue;
    }
    if (c === '*' || c === '?') wildcard = true;
    chars.push({ char: c, wild: c === '*' || c === '?' });
    i++;
  }
  if (i === start) {
    // A character that starts no token (a stray `\` at the end): one character of its own, so the parser reports it.
    return push('term', start, start + 1, text[start]);
  }
  const operator = OPERATOR_WORDS[text.slice(start, i)];
  const value = chars.map((c) => c.char).join('');
  return operator
    ? push(operator, start, i)
    : push('term', start, i, value, wildcard ? modelGlob(chars) : undefined);
}

/** A bound: a quoted string or a run of non-space characters, escapes removed; `*` is open (null). */
function bound(text: string, from: number, to: number): { value: string | null; end: number } {
  const quoted = text[from] === '"';
  let i = quoted ? from + 1 : from;
  let value = '';
  while (i < to && (quoted ? text[i] !== '"' : !isSpace(text[i]))) {
    const escaped = text[i] === '\\' && i + 1 < to;
    value += escaped ? text[i + 1] : text[i];
    i += escaped ? 2 : 1;
  }
  if (quoted) return { value, end: Math.min(i + 1, to) };
  return { value: value === '*' ? null : value, end: i };
}

function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text[i])) i++;
  return i;
}

/**
 * `[a TO b]`, `{a TO b}` and mixed brackets, as one token: bounds are read as a whole, so a date's colons
 * (`[2024-01-01T00:00:00 TO now]`) stay in it.
 */
function range(text: string, start: number, tokens: Token[], problems: Problem[]): number {
  let close = start + 1;
  while (close < text.length && text[close] !== ']' && text[close] !== '}')
    close += text[close] === '\\' ? 2 : 1;
  const fail = (message: string, at: number, kind: ProblemKind = 'invalid-value'): number => {
    problems.push({
      severity: 'error',
      kind,
      message,
      start: at,
      end: Math.min(close + 1, text.length),
    });
    tokens.push({
      kind: 'range',
      start,
      end: Math.min(close + 1, text.length),
      text: text.slice(start, close + 1),
      value: '',
      wildcard: false,
    });
    return Math.min(close + 1, text.length);
  };
  if (close >= text.length)
    return fail(
      'Unexpected end of input, expected "]" or "}" to close the range',
      start,
      'unbalanced-bracket',
    );
  const lower = bound(text, skipSpaces(text, start + 1, close), close);
  const to = skipSpaces(text, lower.end, close);
  if (text.slice(to, to + 2) !== 'TO' || !isSpace(text[to + 2])) {
    return fail(
      `Unexpected ${JSON.stringify(text.slice(to, close + 1))}, expected "TO" between range bounds`,
      to,
    );
  }
  const upper = bound(text, skipSpaces(text, to + 2, close), close);
  const after = skipSpaces(text, upper.end, close);
  if (after !== close)
    return fail(`Unexpected ${JSON.stringify(text.slice(after, close))}, expected "]" or "}"`, after);
  const lowerInclusive = text[start] === '[';
  const upperInclusive = text[close] === ']';
  const range = { lower: lower.value, upper: upper.value, lowerInclusive, upperInclusive };
  tokens.push({
    kind: 'range',
    start,
    end: close + 1,
    text: text.slice(start, close + 1),
    value: '',
    wildcard: false,
    range,
  });
  return close + 1;
}
