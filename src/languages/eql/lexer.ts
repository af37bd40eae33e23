/** EQL lexer: turns query text into tokens with offsets, collecting lexical problems instead of throwing. */
import type { LexedToken } from '../../text/token.js';
import type { Problem } from '../kit/problem.js';
import { lookupTable } from '../../text/lookup.js';

export type TokenKind = 'ident' | 'field' | 'string' | 'number' | 'punct' | 'eof';

/** Identifiers carry their name (with `~` kept for `like~`, `startsWith~`); strings their unescaped value. */
export interface Token extends LexedToken<TokenKind> {
  /** Strings: raw (`"""..."""`, `?"..."`) or single-quoted. */
  raw?: boolean;
  quote?: '"' | "'";
  /** Fields: written `?name` (optional field). */
  optional?: boolean;
  /** Numbers: a unit written right after the digits (`10s` in `maxspan=10s`). */
  unit?: string;
}

export interface LexResult {
  tokens: Token[];
  problems: Problem[];
}

const TWO_CHAR_PUNCT = new Set(['==', '!=', '<=', '>=', '![']);
const ONE_CHAR_PUNCT = new Set([
  '(',
  ')',
  '[',
  ']',
  ',',
  '|',
  ':',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '.',
]);

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 64; // a-z A-Z _ @
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || c === 0xfeff;
}

/** The character a backslash escape stands for; `undefined` for an unknown escape. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = lookupTable({
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
});

export class Lexer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly problems: Problem[] = [];

  constructor(private readonly text: string) {}

  run(): LexResult {
    const { text } = this;
    while (this.skipTrivia()) {
      const c = text.charCodeAt(this.pos);
      if (c === 34 || c === 39) this.quoted(text[this.pos] as '"' | "'");
      else if (c === 63 /* ? */) this.question();
      else if (isDigit(c)) this.number();
      else if (isIdentStart(c) || c === 96 /* ` */) this.identifier(this.pos, false);
      else this.punct();
    }
    this.tokens.push({ kind: 'eof', text: '', value: '', start: text.length, end: text.length });
    return { tokens: this.tokens, problems: this.problems };
  }

  /** Skips white space and comments; false at the end of the text. */
  private skipTrivia(): boolean {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (isSpace(c)) this.pos++;
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? text.length : nl + 1;
      } else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) {
        const close = text.indexOf('*/', this.pos + 2);
        if (close === -1) {
          this.problems.push({
            severity: 'error',
            kind: 'unterminated-comment',
            message: 'Unexpected end of input, expected "*/" to close the comment',
            start: this.pos,
            end: text.length,
          });
          this.pos = text.length;
        } else this.pos = close + 2;
      } else return true;
    }
    return false;
  }

  private push(kind: TokenKind, start: number, value: string, extra: Partial<Token> = {}): void {
    this.tokens.push({ kind, text: this.text.slice(start, this.pos), value, start, end: this.pos, ...extra });
  }

  /**
   * A name: dotted segments, each a word or a backquoted name (`a.\`0\`.b`). A name with a backquoted
   * segment is always a field; a plain one may be a keyword or a function, and takes a trailing `~`.
   */
  private identifier(start: number, optional: boolean): void {
    const { text } = this;
    const segments: string[] = [];
    let quoted = false;
    for (;;) {
      if (text.charCodeAt(this.pos) === 96) {
        segments.push(this.backquotedSegment(start));
        quoted = true;
      } else {
        const from = this.pos;
        while (this.pos < text.length && isIdentPart(text.charCodeAt(this.pos))) this.pos++;
        segments.push(text.slice(from, this.pos));
      }
      const after = text.charCodeAt(this.pos + 1);
      if (text.charCodeAt(this.pos) !== 46 || !(isIdentPart(after) || after === 96)) break;
      this.pos++;
    }
    // `like~`, `in~`, `startsWith~`: the tilde belongs to the word it follows.
    if (!quoted && text.charCodeAt(this.pos) === 126) {
      segments[segments.length - 1] += '~';
      this.pos++;
    }
    const kind = optional || quoted ? 'field' : 'ident';
    this.push(kind, start, segments.join('.'), kind === 'field' ? { optional } : {});
  }

  /** A backquoted name at `pos`; a doubled backquote stands for one. */
  private backquotedSegment(start: number): string {
    const { text } = this;
    let value = '';
    let i = this.pos + 1;
    for (;;) {
      const close = text.indexOf('`', i);
      if (close === -1) {
        this.problems.push({
          severity: 'error',
          kind: 'unterminated-string',
          message: 'Unexpected end of input, expected "`" to close the field name',
          start,
          end: text.length,
        });
        this.pos = text.length;
        return value + text.slice(i);
      }
      value += text.slice(i, close);
      if (text.charCodeAt(close + 1) !== 96) {
        this.pos = close + 1;
        return value;
      }
      value += '`';
      i = close + 2;
    }
  }

  /** `?"raw"`, `?'raw'` or `?field`. */
  private question(): void {
    const start = this.pos;
    const next = this.text.charCodeAt(start + 1);
    if (next === 34 || next === 39) {
      this.pos++;
      this.rawQuoted(start, this.text[this.pos] as '"' | "'");
    } else if (isIdentStart(next) || next === 96) {
      this.pos++;
      this.identifier(start, true);
    } else {
      this.pos++;
      this.problems.push({
        severity: 'error',
        kind: 'unexpected-character',
        message: 'Unexpected "?", expected a field name or a raw string after it',
        start,
        end: this.pos,
      });
    }
  }

  private quoted(quote: '"' | "'"): void {
    const { text } = this;
    const start = this.pos;
    if (quote === '"' && text.startsWith('"""', start)) {
      const close = text.indexOf('"""', start + 3);
      if (close === -1) return this.unterminated(start, '"""');
      this.pos = close + 3;
      this.push('string', start, text.slice(start + 3, close), { raw: true, quote });
      return;
    }
    let value = '';
    let i = start + 1;
    let chunk = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        value += text.slice(chunk, i);
        i = this.escape(i, (s) => (value += s));
        chunk = i;
      } else if (c === quote.charCodeAt(0)) {
        value += text.slice(chunk, i);
        this.pos = i + 1;
        this.push('string', start, value, { quote });
        return;
      } else if (c === 10) break;
      else i++;
    }
    this.unterminated(start, quote);
  }

  /** Reads the escape at `i` (a backslash), hands its value to `emit`, returns the offset after it. */
  private escape(i: number, emit: (s: string) => void): number {
    const { text } = this;
    const e = text[i + 1];
    if (e === 'u') {
      const braced = /^\{([0-9a-fA-F]{1,8})\}/.exec(text.slice(i + 2, i + 12));
      const plain = braced ? null : /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6));
      const hex = braced ? braced[1] : plain?.[0];
      const code = hex === undefined ? NaN : parseInt(hex, 16);
      if (!Number.isNaN(code) && code <= 0x10ffff) {
        emit(String.fromCodePoint(code));
        return i + 2 + (braced ? braced[0].length : 4);
      }
      this.problems.push({
        severity: 'error',
        kind: 'invalid-value',
        message: 'Unexpected "\\u", expected a unicode escape like \\u{00e9}',
        start: i,
        end: i + 2,
      });
      return i + 2;
    }
    const simple = e === undefined ? undefined : SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      emit(simple);
      return i + 2;
    }
    // An unknown escape keeps its backslash, as Elasticsearch does for wildcard patterns.
    emit(e === undefined ? '\\' : `\\${e}`);
    return i + 2;
  }

  /** `?"..."`: no escapes, but a backslash still keeps the quote after it inside the string. */
  private rawQuoted(start: number, quote: '"' | "'"): void {
    const { text } = this;
    const q = quote.charCodeAt(0);
    let i = this.pos + 1;
    while (i < text.length && text.charCodeAt(i) !== q && text.charCodeAt(i) !== 10)
      i += text.charCodeAt(i) === 92 ? 2 : 1;
    if (i >= text.length || text.charCodeAt(i) !== q) return this.unterminated(start, quote);
    this.pos = i + 1;
    this.push('string', start, text.slice(start + 2, i), { raw: true, quote });
  }

  private unterminated(start: number, quote: string): void {
    const nl = this.text.indexOf('\n', start);
    const end = nl === -1 ? this.text.length : nl;
    const found = quote === '"""' ? 'end of input' : 'end of line';
    this.problems.push({
      severity: 'error',
      kind: 'unterminated-string',
      message: `Unexpected ${found}, expected ${JSON.stringify(quote)} to close the string`,
      start,
      end,
    });
    this.pos = quote === '"""' ? this.text.length : end;
    this.push('string', start, this.text.slice(start + quote.length, this.pos), {
      quote: quote[0] as '"' | "'",
    });
  }

  private number(): void {
    const { text } = this;
    const start = this.pos;
    let i = start;
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const digitsEnd = i;
    while (i < text.length && isIdentStart(text.charCodeAt(i))) i++;
    this.pos = i;
    const unit = i > digitsEnd ? text.slice(digitsEnd, i) : undefined;
    this.push('number', start, text.slice(start, digitsEnd), unit ? { unit } : {});
  }

  private punct(): void {
    const two = this.text.slice(this.pos, this.pos + 2);
    const start = this.pos;
    if (TWO_CHAR_PUNCT.has(two)) this.pos += 2;
    else if (ONE_CHAR_PUNCT.has(two[0])) this.pos += 1;
    else {
      this.pos += 1;
      this.problems.push({
        severity: 'error',
        kind: 'unexpected-character',
        message: `Unexpected ${JSON.stringify(two[0])}, expected an expression`,
        start,
        end: this.pos,
      });
      return;
    }
    this.push('punct', start, this.text.slice(start, this.pos));
  }
}

export function lex(text: string): LexResult {
  return new Lexer(text).run();
}
