/** Splits ES|QL into tokens with offsets: identifiers, strings (with escapes, and triple-quoted), numbers, params, operators. */
import type { LexedToken } from '../../text/token.js';
import type { Problem } from '../kit/problem.js';
import { lookupTable } from '../../text/lookup.js';

export type TokenKind = 'ident' | 'quoted_ident' | 'string' | 'number' | 'param' | 'op' | 'eof';

/** Strings and backquoted identifiers carry their value with escapes removed. */
export interface Token extends LexedToken<TokenKind> {
  /** Lower-cased text of an identifier, for keyword tests. */
  lower: string;
}

/** Longest first, so that `==` is not read as two `=`. */
const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '=~',
  '::',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '|',
  '?',
];
const STRING_ESCAPES: Readonly<Record<string, string>> = lookupTable({
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
});

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '@';
}

function isIdentBody(c: string | undefined): boolean {
  return c !== undefined && (isIdentStart(c) || (c >= '0' && c <= '9'));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

export function tokenize(text: string, problems: Problem[]): Token[] {
  return new EsqlLexer(text, problems).run();
}

class EsqlLexer {
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
      else if (c === '/' && text[this.pos + 1] === '/') this.lineComment();
      else if (c === '/' && text[this.pos + 1] === '*') this.blockComment();
      else if (c === '"') this.string();
      else if (c === '`') this.quotedIdentifier();
      else if (isDigit(c) || (c === '.' && isDigit(text[this.pos + 1]))) this.number();
      else if (isIdentStart(c)) this.identifier();
      else if (c === '?' && (isIdentBody(text[this.pos + 1]) || text[this.pos + 1] === '?')) this.param();
      else this.operator();
    }
    // End of input is reported where the text ends, not after trailing newlines on a line of its own.
    this.push('eof', text.trimEnd().length, text.trimEnd().length);
    return this.tokens;
  }

  private push(kind: TokenKind, start: number, end: number, value?: string): void {
    const text = this.text.slice(start, end);
    this.tokens.push({
      kind,
      start,
      end,
      text,
      value: value ?? text,
      lower: kind === 'ident' ? text.toLowerCase() : '',
    });
    this.pos = end;
  }

  private lineComment(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end === -1 ? this.text.length : end + 1;
  }

  /** `/* ... *\/` comments nest, as in ES|QL's grammar. */
  private blockComment(): void {
    const start = this.pos;
    let depth = 0;
    let i = start;
    while (i < this.text.length) {
      const pair = this.text.slice(i, i + 2);
      if (pair === '/*') depth++;
      else if (pair === '*/') depth--;
      else {
        i++;
        continue;
      }
      i += 2;
      if (depth === 0) break;
    }
    if (depth > 0)
      this.problems.push({
        severity: 'error',
        kind: 'unterminated-comment',
        message: "Unexpected end of input, expected '*/' to close the comment",
        start,
        end: this.text.length,
      });
    this.pos = i;
  }

  private string(): void {
    const { text } = this;
    const start = this.pos;
    if (text.startsWith('"""', start)) {
      // Triple-quoted strings take everything literally up to the next `"""` (extra closing quotes belong to the string).
      let close = text.indexOf('"""', start + 3);
      if (close === -1) return this.unterminated(start, 'string', text.slice(start + 3));
      while (text[close + 3] === '"') close++;
      return this.push('string', start, close + 3, text.slice(start + 3, close));
    }
    let value = '';
    let i = start + 1;
    while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
      if (text[i] !== '\\') {
        value += text[i++];
        continue;
      }
      const escaped = STRING_ESCAPES[text[i + 1]];
      if (escaped === undefined) {
        this.problems.push({
          severity: 'error',
          kind: 'invalid-value',
          message: `Unexpected ${JSON.stringify(text.slice(i, i + 2))}, expected an escape of \\n \\t \\r \\" or \\\\`,
          start: i,
          end: i + 2,
        });
      }
      value += escaped ?? text.slice(i + 1, i + 2);
      i += 2;
    }
    if (text[i] !== '"') return this.unterminated(start, 'string', value, i);
    this.push('string', start, i + 1, value);
  }

  private unterminated(start: number, what: string, value: string, end = this.text.length): void {
    const close = what === 'string' ? '"' : '`';
    this.problems.push({
      severity: 'error',
      kind: 'unterminated-string',
      message: `Unexpected end of ${end < this.text.length ? 'line' : 'input'}, expected '${close}' to close the ${what}`,
      start,
      end,
    });
    this.push(what === 'string' ? 'string' : 'quoted_ident', start, end, value);
  }

  /** `` `name with spaces` ``; a doubled backquote stands for one. */
  private quotedIdentifier(): void {
    const { text } = this;
    const start = this.pos;
    let value = '';
    let i = start + 1;
    for (;;) {
      const close = text.indexOf('`', i);
      if (close === -1) return this.unterminated(start, 'identifier', value + text.slice(i));
      value += text.slice(i, close);
      if (text[close + 1] !== '`') return this.push('quoted_ident', start, close + 1, value);
      value += '`';
      i = close + 2;
    }
  }

  private number(): void {
    const { text } = this;
    let i = this.pos;
    while (isDigit(text[i])) i++;
    if (text[i] === '.' && isDigit(text[i + 1])) for (i++; isDigit(text[i]);) i++;
    if (
      (text[i] === 'e' || text[i] === 'E') &&
      (isDigit(text[i + 1]) || ((text[i + 1] === '+' || text[i + 1] === '-') && isDigit(text[i + 2])))
    ) {
      for (i += 2; isDigit(text[i]);) i++;
    }
    this.push('number', this.pos, i);
  }

  /** `host.name`, `@timestamp`, `Esql.x_y`: dotted names are one token; a dot before `*` stays for patterns (`host.*`). */
  private identifier(): void {
    const { text } = this;
    let i = this.pos + 1;
    for (;;) {
      while (isIdentBody(text[i])) i++;
      if (text[i] === '.' && (isIdentBody(text[i + 1]) || text[i + 1] === '*')) i++;
      else break;
    }
    this.push('ident', this.pos, i);
  }

  /** `?name`, `?1`, `??name` (an identifier parameter). */
  private param(): void {
    let i = this.pos + 1;
    if (this.text[i] === '?') i++;
    while (isIdentBody(this.text[i])) i++;
    this.push('param', this.pos, i);
  }

  private operator(): void {
    const { text } = this;
    const two = text.slice(this.pos, this.pos + 2);
    const op = OPERATORS.find((o) => (o.length === 2 ? o === two : o === text[this.pos]));
    if (op) return this.push('op', this.pos, this.pos + op.length);
    this.problems.push({
      severity: 'error',
      kind: 'unexpected-character',
      message: `Unexpected ${JSON.stringify(text[this.pos])}, expected an ES|QL token`,
      start: this.pos,
      end: this.pos + 1,
    });
    this.pos++;
  }
}
