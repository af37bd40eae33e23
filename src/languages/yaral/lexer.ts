/** Splits YARA-L 2.0 text into tokens with offsets: words, `$`/`#`/`%` names, strings, regex literals, durations, operators. */
import type { LexedToken } from '../../text/token.js';
import type { Problem } from '../kit/problem.js';
import { lookupTable } from '../../text/lookup.js';

export type TokenKind =
  | 'word'
  | 'variable'
  | 'count'
  | 'list'
  | 'string'
  | 'regex'
  | 'number'
  | 'duration'
  | 'op'
  | 'punct'
  | 'unknown'
  | 'eof';

/** Strings carry their unescaped content; regex literals their pattern. */
export interface Token extends LexedToken<TokenKind> {
  /** A line break separates this token from the previous one: statements end there. */
  newline: boolean;
  /** A backquoted string, taken as written. */
  raw?: boolean;
}

const PUNCT = new Set(['{', '}', '(', ')', '[', ']', ',', ':', '.', '+', '-', '*']);
/** After these a `/` divides; anywhere else it opens a regex literal. */
const VALUE_END = new Set<TokenKind>(['variable', 'count', 'list', 'string', 'regex', 'number', 'duration']);
const REGEX_AFTER_WORD = new Set(['and', 'or', 'not', 'in', 'any', 'all', 'regex']);
/** Chronicle takes these in any case (`NOT`, `OR`, `IN`, `NOCASE`); their value is the lower-case word. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'nocase',
  'any',
  'all',
  'regex',
  'cidr',
  'over',
  'by',
  'before',
  'after',
]);
const ESCAPES: Readonly<Record<string, string>> = lookupTable({
  '"': '"',
  '\\': '\\',
  n: '\n',
  t: '\t',
  r: '\r',
});

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Tokens of a text; the list always ends with `eof`. */
export function tokenize(text: string, problems: Problem[]): Token[] {
  return new YaralLexer(text, problems).run();
}

class YaralLexer {
  private readonly tokens: Token[] = [];
  private pos = 0;
  private newline = true;

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
  ) {}

  run(): Token[] {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10) {
        this.newline = true;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13 || c === 12 || c === 0xfeff || c === 0xa0) this.pos++;
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 47) this.lineComment();
      else if (c === 47 && text.charCodeAt(this.pos + 1) === 42) this.blockComment();
      else this.next(c);
    }
    this.push('eof', text.length, '');
    return this.tokens;
  }

  private next(c: number): void {
    const ch = this.text[this.pos];
    if (isWordStart(c)) this.word('word', this.pos);
    else if (ch === '$' || ch === '#' || ch === '%') this.sigil(ch);
    else if (isDigit(c)) this.number();
    else if (ch === '"') this.quoted();
    else if (ch === '`') this.backquoted();
    else if (ch === '/') this.slash();
    else if (ch === '=' || ch === '!' || ch === '<' || ch === '>') this.operator(ch);
    else if (PUNCT.has(ch)) this.push('punct', this.pos + 1, ch);
    else this.push('unknown', this.pos + 1, ch);
  }

  private push(kind: TokenKind, end: number, value: string, raw?: boolean): void {
    const token: Token = {
      kind,
      start: this.pos,
      end,
      text: this.text.slice(this.pos, end),
      value,
      newline: this.newline,
    };
    if (raw) token.raw = true;
    this.tokens.push(token);
    this.newline = false;
    this.pos = end;
  }

  private wordEnd(from: number): number {
    let i = from;
    while (i < this.text.length && isWordPart(this.text.charCodeAt(i))) i++;
    return i;
  }

  private word(kind: TokenKind, from: number): void {
    const end = this.wordEnd(from);
    const text = this.text.slice(this.pos, end);
    const lower = text.toLowerCase();
    this.push(kind, end, KEYWORDS.has(lower) ? lower : text);
  }

  /** `$name` (event or placeholder variable), `#name` (event count), `%name` (reference list). */
  private sigil(ch: string): void {
    const end = this.wordEnd(this.pos + 1);
    if (end === this.pos + 1) {
      this.push('unknown', this.pos + 1, ch);
      return;
    }
    const kind: TokenKind = ch === '$' ? 'variable' : ch === '#' ? 'count' : 'list';
    this.push(kind, end, this.text.slice(this.pos, end));
  }

  /** Digits with an optional fraction; digits followed by a unit letter (`5m`, `24h`) make a duration. */
  private number(): void {
    const { text } = this;
    let i = this.pos;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    }
    if (i < text.length && isWordStart(text.charCodeAt(i))) {
      const end = this.wordEnd(i);
      this.push('duration', end, text.slice(this.pos, end));
      return;
    }
    this.push('number', i, text.slice(this.pos, i));
  }

  /** A double-quoted string with `\"`, `\\`, `\n`, `\t`, `\r` escapes; other backslashes stay as written. */
  private quoted(): void {
    const { text } = this;
    let value = '';
    let i = this.pos + 1;
    let spansLines = false;
    while (i < text.length && text[i] !== '"') {
      const ch = text[i];
      if (ch === '\\' && i + 1 < text.length) {
        const escaped = ESCAPES[text[i + 1]];
        value += escaped ?? text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === '\n') spansLines = true;
      value += ch;
      i++;
    }
    if (i >= text.length) {
      this.problems.push({
        severity: 'error',
        kind: 'unterminated-string',
        message: `Unexpected end of input, expected '"' to close the string`,
        start: this.pos,
        end: text.length,
      });
      this.push('string', text.length, value);
      return;
    }
    if (spansLines)
      this.problems.push({
        severity: 'warning',
        kind: 'unterminated-string',
        message: 'String runs over a line break',
        start: this.pos,
        end: i + 1,
      });
    this.push('string', i + 1, value);
  }

  /** A backquoted string: no escapes at all, which is why rules use it for regular expressions. */
  private backquoted(): void {
    const close = this.text.indexOf('`', this.pos + 1);
    if (close === -1) {
      this.problems.push({
        severity: 'error',
        kind: 'unterminated-string',
        message: 'Unexpected end of input, expected "`" to close the string',
        start: this.pos,
        end: this.text.length,
      });
      this.push('string', this.text.length, this.text.slice(this.pos + 1), true);
      return;
    }
    this.push('string', close + 1, this.text.slice(this.pos + 1, close), true);
  }

  private slash(): void {
    const prev = this.tokens[this.tokens.length - 1];
    const divides =
      prev &&
      (VALUE_END.has(prev.kind) ||
        (prev.kind === 'punct' && (prev.value === ')' || prev.value === ']')) ||
        (prev.kind === 'word' && !REGEX_AFTER_WORD.has(prev.value)));
    if (divides) this.push('punct', this.pos + 1, '/');
    else this.regex();
  }

  /** `/pattern/`: `\/` stands for a slash; other escapes belong to the pattern. A literal ends at its line. */
  private regex(): void {
    const { text } = this;
    let value = '';
    let i = this.pos + 1;
    while (i < text.length && text[i] !== '/' && text[i] !== '\n') {
      if (text[i] === '\\' && text[i + 1] === '/') {
        value += '/';
        i += 2;
      } else if (text[i] === '\\' && i + 1 < text.length && text[i + 1] !== '\n') {
        value += text.slice(i, i + 2);
        i += 2;
      } else value += text[i++];
    }
    if (text[i] !== '/') {
      this.problems.push({
        severity: 'error',
        kind: 'unterminated-regex',
        message: 'Unexpected end of line, expected "/" to close the regular expression',
        start: this.pos,
        end: i,
      });
      this.push('regex', i, value);
      return;
    }
    this.push('regex', i + 1, value);
  }

  private operator(ch: string): void {
    const two = this.text[this.pos + 1] === '=';
    if (ch === '!' && !two) this.push('punct', this.pos + 1, '!');
    else if (ch === '=' && two) this.push('op', this.pos + 2, '=');
    else this.push('op', this.pos + (two ? 2 : 1), two ? `${ch}=` : ch);
  }

  private lineComment(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl === -1 ? this.text.length : nl;
  }

  private blockComment(): void {
    const close = this.text.indexOf('*/', this.pos + 2);
    if (close === -1) {
      this.problems.push({
        severity: 'error',
        kind: 'unterminated-comment',
        message: 'Unexpected end of input, expected "*/" to close the comment',
        start: this.pos,
        end: this.text.length,
      });
      this.pos = this.text.length;
      return;
    }
    if (this.text.lastIndexOf('\n', close) > this.pos) this.newline = true;
    this.pos = close + 2;
  }
}
