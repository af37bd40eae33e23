/** Splits Kibana KQL into tokens with offsets, following Kibana's grammar for literals, escapes and keywords. */
import type { LexedToken } from '../../text/token.js';
import { lookupTable } from '../../text/lookup.js';
import type { Problem } from '../kit/problem.js';
import { modelGlob, type GlobChar } from '../kit/glob.js';

export type TokenKind =
  'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'colon' | 'range' | 'literal' | 'and' | 'or' | 'not' | 'eof';

/** Literals carry their value with escapes removed. */
export interface Token extends LexedToken<TokenKind> {
  quoted: boolean;
  /** For literals: an unescaped `*` occurs. */
  wildcard: boolean;
  /** For literals with a wildcard: the value as the model's glob (escaped `*` literal, `\\` before wildcards). */
  glob?: string;
}

const SPECIAL = new Set(['\\', '(', ')', ':', '<', '>', '"', '*', '{', '}']);
const STOPPERS = new Set(['(', ')', ':', '<', '>', '"', '{', '}']);
const PUNCTUATION: Readonly<Record<string, TokenKind>> = lookupTable({
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
  ':': 'colon',
});
const WHITESPACE_ESCAPES: Readonly<Record<string, string>> = lookupTable({ t: '\t', r: '\r', n: '\n' });

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Tokens of a query; the list always ends with `eof`. */
export function tokenize(text: string, problems: Problem[]): Token[] {
  const lexer = new KueryLexer(text, problems);
  return lexer.run();
}

class KueryLexer {
  private readonly tokens: Token[] = [];
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
  ) {}

  run(): Token[] {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (isSpace(c)) this.pos++;
      else if (PUNCTUATION[c]) this.push(PUNCTUATION[c], this.pos + 1, c);
      else if (c === '<' || c === '>')
        this.push('range', this.pos + (text[this.pos + 1] === '=' ? 2 : 1), '');
      else if (c === '"') this.quoted();
      else if (!this.keyword()) this.unquoted();
    }
    // End of input is reported where the text ends, not after trailing newlines on a line of its own.
    const end = text.trimEnd().length;
    this.tokens.push(this.token('eof', end, end, '', false, false));
    return this.tokens;
  }

  private token(
    kind: TokenKind,
    start: number,
    end: number,
    value: string,
    quoted: boolean,
    wildcard: boolean,
  ): Token {
    return { kind, start, end, text: this.text.slice(start, end), value, quoted, wildcard };
  }

  private push(kind: TokenKind, end: number, value: string): void {
    this.tokens.push(this.token(kind, this.pos, end, value, false, false));
    this.pos = end;
  }

  /** `and`, `or`, `not` in any case, standing alone (followed by a space, a bracket, a quote or the end). */
  private keyword(): boolean {
    const length = keywordLength(this.text, this.pos);
    if (length === 0) return false;
    const word = this.text.slice(this.pos, this.pos + length).toLowerCase();
    this.push(word as TokenKind, this.pos + length, word);
    return true;
  }

  private quoted(): void {
    const { text } = this;
    const start = this.pos;
    let value = '';
    let i = start + 1;
    while (i < text.length && text[i] !== '"') {
      const next = text[i + 1];
      if (text[i] === '\\' && (next === '\\' || next === '"')) {
        value += next;
        i += 2;
      } else if (text[i] === '\\' && next !== undefined && WHITESPACE_ESCAPES[next]) {
        // Kibana reads \t, \r, \n as whitespace even inside quotes, which turns "C:\tmp" into a tab.
        this.problems.push({
          severity: 'warning',
          kind: 'invalid-value',
          message: `Escape "\\${next}" in a quoted value is read as whitespace by Kibana`,
          start: i,
          end: i + 2,
        });
        value += WHITESPACE_ESCAPES[next];
        i += 2;
      } else value += text[i++];
    }
    if (i >= text.length) {
      this.problems.push({
        severity: 'error',
        kind: 'unterminated-string',
        message: "Unexpected end of input, expected '\"' to close the quoted value",
        start,
        end: text.length,
      });
      this.tokens.push(this.token('literal', start, text.length, value, true, false));
      this.pos = text.length;
      return;
    }
    this.tokens.push(this.token('literal', start, i + 1, value, true, false));
    this.pos = i + 1;
  }

  /** An unquoted literal: it may hold inner spaces, up to a special character or a keyword. */
  private unquoted(): void {
    const { text } = this;
    const start = this.pos;
    const chars: GlobChar[] = [];
    let wildcard = false;
    let end = start;
    let i = start;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        const escaped = this.escape(i);
        for (const char of escaped.value) chars.push({ char, wild: false });
        i = end = escaped.end;
      } else if (c === '*') {
        wildcard = true;
        chars.push({ char: c, wild: true });
        i = end = i + 1;
      } else if (STOPPERS.has(c)) break;
      else if (isSpace(c)) {
        let k = i;
        while (isSpace(text[k])) k++;
        if (k >= text.length || STOPPERS.has(text[k]) || keywordLength(text, k) > 0) break;
        for (const char of text.slice(i, k)) chars.push({ char, wild: false });
        i = k;
      } else {
        chars.push({ char: c, wild: false });
        i = end = i + 1;
      }
    }
    const value = chars.map((c) => c.char).join('');
    const token = this.token('literal', start, end, value, false, wildcard);
    if (wildcard) token.glob = modelGlob(chars);
    this.tokens.push(token);
    this.pos = end;
  }

  /** One escape sequence at `at` (a backslash): whitespace, a special character, a keyword or `\uXXXX`. */
  private escape(at: number): { value: string; end: number } {
    const { text } = this;
    const next = text[at + 1];
    if (next === undefined) {
      this.problems.push({
        severity: 'error',
        kind: 'invalid-value',
        message: 'Unexpected end of input, expected a character after "\\"',
        start: at,
        end: at + 1,
      });
      return { value: '\\', end: at + 1 };
    }
    if (WHITESPACE_ESCAPES[next]) return { value: WHITESPACE_ESCAPES[next], end: at + 2 };
    if (SPECIAL.has(next)) return { value: next, end: at + 2 };
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
      return { value: String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16)), end: at + 6 };
    }
    const word = /^(?:and|or|not)/i.exec(text.slice(at + 1, at + 4));
    if (word) return { value: word[0], end: at + 1 + word[0].length };
    this.problems.push({
      severity: 'error',
      kind: 'invalid-value',
      message: `Unexpected "\\${next}", expected an escape of one of \\ ( ) : < > " * { } or a keyword`,
      start: at,
      end: at + 2,
    });
    return { value: next, end: at + 2 };
  }
}

/** Length of the keyword standing at `at`, or 0. */
function keywordLength(text: string, at: number): number {
  const first = text.charCodeAt(at) | 0x20;
  let length: number;
  if (first === 0x61 /* a */ || first === 0x6e /* n */) length = 3;
  else if (first === 0x6f /* o */) length = 2;
  else return 0;
  const word = text.slice(at, at + length).toLowerCase();
  if (word !== 'and' && word !== 'or' && word !== 'not') return 0;
  const after = text[at + length];
  return after === undefined || isSpace(after) || after === '(' || after === '"' ? length : 0;
}
