/** Kusto KQL lexer: turns query text into tokens with offsets, unescaping strings and joining multi-part operator words. */
import { atLineEnd } from '../kit/scan.js';
import type { LexedToken } from '../../text/token.js';

export type TokenKind = 'name' | 'string' | 'number' | 'literal' | 'op' | 'error' | 'eof';

/** Strings carry their value without quotes and escapes; error tokens carry the problem. */
export type Token = LexedToken<TokenKind>;

/** Operator words written with a hyphen, lexed as one name (`project-away`, `mv-expand`). */
const HYPHENATED = new Set([
  'project-away',
  'project-keep',
  'project-rename',
  'project-reorder',
  'project-smart',
  'mv-expand',
  'mv-apply',
  'parse-where',
  'parse-kv',
  'make-series',
  'make-graph',
  'graph-match',
  'graph-merge',
  'graph-to-table',
  'top-nested',
  'top-hitters',
  'sample-distinct',
  'macro-expand',
  'assert-schema',
]);
const HYPHEN_PREFIXES = new Set([
  'project',
  'mv',
  'parse',
  'make',
  'graph',
  'top',
  'sample',
  'macro',
  'assert',
]);

/** String operators that take a `!` prefix as one token (`!has`, `!contains_cs`). */
const NEGATABLE = new Set([
  'has',
  'has_cs',
  'hasprefix',
  'hasprefix_cs',
  'hassuffix',
  'hassuffix_cs',
  'contains',
  'contains_cs',
  'startswith',
  'startswith_cs',
  'endswith',
  'endswith_cs',
  'in',
  'between',
  'has_any',
  'has_all',
  'like',
  'likecs',
]);

/** Literal forms whose parenthesised content is not made of tokens: `datetime(2024-01-01 10:00)`. */
const RAW_LITERALS = new Set(['datetime', 'timespan', 'time', 'guid']);

const PUNCT3 = ['!in~', '...'];
const PUNCT2 = ['==', '!=', '<>', '<=', '>=', '=~', '!~', '=>', '..', 'in~'];

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** Non-ASCII spaces (no-break, narrow, ideographic) that pasted queries carry. */
function isUnicodeSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class Lexer {
  private pos = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  run(): Token[] {
    const { text } = this;
    while (this.skipTrivia() < text.length) this.tokens.push(this.nextToken());
    this.tokens.push({ kind: 'eof', text: '', value: '', start: text.length, end: text.length });
    return this.tokens;
  }

  /** Skips whitespace and `//` comments; returns the position reached. */
  private skipTrivia(): number {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || (c > 127 && isUnicodeSpace(c))) this.pos++;
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? text.length : nl + 1;
      } else break;
    }
    return this.pos;
  }

  private nextToken(): Token {
    const { text } = this;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);
    if (c === 34 || c === 39) return this.quoted(start, start, false);
    if (c === 64 && (next === 34 || next === 39)) return this.quoted(start, start + 1, true);
    if ((c === 104 || c === 72) && (next === 34 || next === 39)) return this.quoted(start, start + 1, false);
    if (
      (c === 104 || c === 72) &&
      next === 64 &&
      (text.charCodeAt(start + 2) === 34 || text.charCodeAt(start + 2) === 39)
    ) {
      return this.quoted(start, start + 2, true);
    }
    if (c === 96 && text.startsWith('```', start)) return this.fenced(start);
    if (isDigit(c) || (c === 46 && isDigit(next))) return this.number(start);
    if (isIdentStart(c)) return this.word(start);
    if (c === 33 && isIdentStart(next)) {
      const negated = this.negatedWord(start);
      if (negated) return negated;
    }
    return this.punct(start);
  }

  private make(kind: TokenKind, start: number, end: number, value?: string): Token {
    this.pos = end;
    const text = this.text.slice(start, end);
    return { kind, text, value: value ?? text, start, end };
  }

  /** A quoted string from `start` (prefix included) whose quote is at `quoteAt`; verbatim strings double the quote. */
  private quoted(start: number, quoteAt: number, verbatim: boolean): Token {
    const { text } = this;
    const quote = text.charCodeAt(quoteAt);
    let value = '';
    let i = quoteAt + 1;
    let from = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === quote) {
        if (verbatim && text.charCodeAt(i + 1) === quote) {
          value += text.slice(from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        return this.make('string', start, i + 1, value + text.slice(from, i));
      }
      if (atLineEnd(text, i)) break;
      if (c === 92 && !verbatim) {
        value += text.slice(from, i) + unescape(text.charAt(i + 1));
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    return this.make('error', start, i, 'unterminated string');
  }

  /** A multi-line string fenced by three backticks. */
  private fenced(start: number): Token {
    const close = this.text.indexOf('```', start + 3);
    if (close === -1) return this.make('error', start, this.text.length, 'unterminated string');
    return this.make('string', start, close + 3, this.text.slice(start + 3, close));
  }

  /** Numbers with their unit (`48h`, `1.5d`, `100ms`, `0x1f`, `1e6`) are one token. */
  private number(start: number): Token {
    const { text } = this;
    let i = start;
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    while (isIdentPart(text.charCodeAt(i)) && text.charCodeAt(i) !== 36) {
      const c = text.charCodeAt(i);
      // An exponent's sign belongs to the number: 1e-5.
      if (
        (c === 101 || c === 69) &&
        (text.charCodeAt(i + 1) === 45 || text.charCodeAt(i + 1) === 43) &&
        isDigit(text.charCodeAt(i + 2))
      )
        i += 2;
      i++;
    }
    return this.make('number', start, i);
  }

  private word(start: number): Token {
    const { text } = this;
    let i = start + 1;
    while (isIdentPart(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    if (text.charCodeAt(i) === 45 && HYPHEN_PREFIXES.has(word) && isIdentStart(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (isIdentPart(text.charCodeAt(j))) j++;
      if (HYPHENATED.has(text.slice(start, j))) return this.make('name', start, j);
    }
    if (word === 'in' && text.charCodeAt(i) === 126) return this.make('op', start, i + 1);
    if (RAW_LITERALS.has(word)) {
      const literal = this.rawLiteral(start, i);
      if (literal) return literal;
    }
    return this.make('name', start, i);
  }

  /** `datetime(...)` with no nested parentheses or quotes is one literal token. */
  private rawLiteral(start: number, wordEnd: number): Token | undefined {
    const { text } = this;
    let open = wordEnd;
    while (text.charCodeAt(open) === 32) open++;
    if (text.charCodeAt(open) !== 40) return undefined;
    const close = text.indexOf(')', open);
    if (close === -1) return undefined;
    const inner = text.slice(open + 1, close);
    if (/["'(\n]/.test(inner)) return undefined;
    return this.make('literal', start, close + 1, inner.trim());
  }

  private negatedWord(start: number): Token | undefined {
    const { text } = this;
    let i = start + 1;
    while (isIdentPart(text.charCodeAt(i))) i++;
    const word = text.slice(start + 1, i);
    if (!NEGATABLE.has(word)) return undefined;
    if (word === 'in' && text.charCodeAt(i) === 126) return this.make('op', start, i + 1);
    return this.make('op', start, i);
  }

  private punct(start: number): Token {
    const { text } = this;
    for (const p of PUNCT3) if (text.startsWith(p, start)) return this.make('op', start, start + p.length);
    for (const p of PUNCT2) if (text.startsWith(p, start)) return this.make('op', start, start + p.length);
    const c = text.charAt(start);
    if ('|()[]{},;:.=<>+-*/%!?~'.includes(c)) return this.make('op', start, start + 1);
    const cp = text.codePointAt(start) ?? 0;
    return this.make('error', start, start + (cp > 0xffff ? 2 : 1), 'unexpected character');
  }
}

function unescape(c: string): string {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    default:
      return c;
  }
}

export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}
