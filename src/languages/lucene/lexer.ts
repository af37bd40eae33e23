/** Splits a Lucene query (Elasticsearch `query_string` syntax) into tokens with offsets and unescaped values. */

export type TokenKind =
  | 'lparen'
  | 'rparen'
  | 'colon'
  | 'lbracket'
  | 'rbracket'
  | 'lbrace'
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

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
  /** Terms, phrases and regexes: the value with the query syntax's escapes removed (a regex keeps its own). */
  value: string;
  /** Terms: an unescaped `*` or `?` occurs. */
  wildcard: boolean;
}

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  start: number;
  end: number;
}

/** Characters that end a term; Lucene's classic grammar also refuses `/` and `!` inside one unless escaped. */
const TERM_STOP = new Set([' ', '\t', '\n', '\r', '\u3000', '(', ')', ':', '^', '[', ']', '"', '{', '}', '~', '/', '!']);
const SINGLE: Record<string, TokenKind> = {
  '(': 'lparen',
  ')': 'rparen',
  ':': 'colon',
  '[': 'lbracket',
  ']': 'rbracket',
  '{': 'lbrace',
  '}': 'rbrace',
  '!': 'not',
  '+': 'plus',
  '-': 'minus',
};
const OPERATOR_WORDS: Record<string, TokenKind> = { AND: 'and', OR: 'or', NOT: 'not' };

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000';
}

export function tokenize(text: string, problems: Problem[]): Token[] {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value = '', wildcard = false): number => {
    tokens.push({ kind, start, end, text: text.slice(start, end), value, wildcard });
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
    else if (SINGLE[c]) i = push(SINGLE[c], i, i + 1);
    else if (c === '"') i = quoted(text, i, '"', 'phrase', push, problems);
    else if (c === '/') i = quoted(text, i, '/', 'regex', push, problems);
    else if (c === '~' || c === '^') i = push('modifier', i, modifierEnd(text, i + 1));
    else i = term(text, i, push);
  }
  push('eof', text.length, text.length);
  return tokens;
}

type Push = (kind: TokenKind, start: number, end: number, value?: string, wildcard?: boolean) => number;

/** `~2`, `~0.8`, `^3`: fuzziness, proximity and boost change scoring, not what matches. */
function modifierEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && ((text[i] >= '0' && text[i] <= '9') || text[i] === '.')) i++;
  return i;
}

/** A phrase or a regex: up to the closing delimiter; a phrase drops its escapes, a regex keeps them but `\/`. */
function quoted(text: string, start: number, close: string, kind: TokenKind, push: Push, problems: Problem[]): number {
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
    problems.push({ severity: 'error', message: `Unexpected end of input, expected "${close}" to close the ${what}`, start, end: text.length });
    return push(kind, start, text.length, value);
  }
  return push(kind, start, i + 1, value);
}

/** A bare term: its escapes removed, its wildcards kept; `AND`, `OR`, `NOT` (upper case only) are operators. */
function term(text: string, start: number, push: Push): number {
  let value = '';
  let wildcard = false;
  let i = start;
  while (i < text.length && !TERM_STOP.has(text[i])) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '*' || c === '?') wildcard = true;
    value += c;
    i++;
  }
  if (i === start) {
    // A character that starts no token (a stray `\` at the end): one character of its own, so the parser reports it.
    return push('term', start, start + 1, text[start]);
  }
  const operator = OPERATOR_WORDS[text.slice(start, i)];
  return operator ? push(operator, start, i) : push('term', start, i, value, wildcard);
}
