/** Tokens of a Sigma condition, with their offsets in the condition string. */
import { lookupTable } from '../../text/lookup.js';

export type TokenKind = 'word' | 'lparen' | 'rparen' | 'pipe' | 'comma' | 'compare' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const SINGLE: Readonly<Record<string, TokenKind>> = lookupTable({
  '(': 'lparen',
  ')': 'rparen',
  '|': 'pipe',
  ',': 'comma',
});

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Characters that end a word: whitespace, punctuation and the comparison operators of aggregations. */
function endsWord(c: string): boolean {
  return isSpace(c) || c in SINGLE || c === '<' || c === '>' || c === '=' || c === '!';
}

/** `>=`, `<=`, `==`, `!=` or a one-character comparison, starting at `i`. */
function comparisonAt(text: string, i: number): string {
  const two = text.slice(i, i + 2);
  if (two === '>=' || two === '<=' || two === '==' || two === '!=') return two;
  return text[i];
}

/**
 * Splits a condition into tokens. Words are runs of anything that is not whitespace, punctuation or a
 * comparison, so names, patterns (`selection_*`), numbers and keywords all arrive as words: the parser
 * tells them apart. The list always ends with an `end` token.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
    } else if (c in SINGLE) {
      tokens.push({ kind: SINGLE[c], text: c, start: i, end: i + 1 });
      i++;
    } else if (c === '<' || c === '>' || c === '=' || c === '!') {
      const op = comparisonAt(text, i);
      tokens.push({ kind: 'compare', text: op, start: i, end: i + op.length });
      i += op.length;
    } else {
      const start = i;
      while (i < text.length && !endsWord(text[i])) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    }
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
