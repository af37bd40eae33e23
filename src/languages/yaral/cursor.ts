/** A cursor over YARA-L tokens that collects problems as "Unexpected X, expected Y" and never throws. */
import { describeToken } from '../../text/diagnostics.js';
import type { Problem, Token } from './lexer.js';

export const SECTION_NAMES = new Set(['meta', 'events', 'match', 'outcome', 'condition', 'options']);

/** Brackets and prefix operators nested deeper than this are refused before the call stack runs out. */
const MAX_DEPTH = 256;

export class Cursor {
  private index = 0;
  private depth = 0;

  constructor(
    readonly text: string,
    readonly tokens: Token[],
    readonly problems: Problem[],
  ) {}

  /** Enters one nesting level; false (reported once, then the rest skipped) when the input nests too deeply. */
  enter(): boolean {
    if (this.depth >= MAX_DEPTH) {
      this.report('Unexpected nesting deeper than 256 levels, expected a flatter expression', this.peek);
      while (!this.atEnd) this.advance();
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  get peek(): Token {
    return this.tokens[this.index];
  }

  /** The token after the current one (the last token is always `eof`). */
  get ahead(): Token {
    return this.tokens[Math.min(this.index + 1, this.tokens.length - 1)];
  }

  get previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)];
  }

  get atEnd(): boolean {
    return this.peek.kind === 'eof';
  }

  advance(): Token {
    const token = this.peek;
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  is(kind: Token['kind'], value?: string): boolean {
    const t = this.peek;
    return t.kind === kind && (value === undefined || t.value === value);
  }

  isPunct(value: string): boolean {
    return this.is('punct', value);
  }

  isWord(value: string): boolean {
    return this.is('word', value);
  }

  /** Consumes the token when it matches. */
  accept(kind: Token['kind'], value?: string): Token | undefined {
    return this.is(kind, value) ? this.advance() : undefined;
  }

  /** Consumes a matching token, or reports the one found and leaves it in place. */
  expect(kind: Token['kind'], value: string | undefined, expected: string): Token | undefined {
    const token = this.accept(kind, value);
    if (!token) this.unexpected(expected);
    return token;
  }

  unexpected(expected: string, token: Token = this.peek): void {
    this.report(`Unexpected ${describeToken(token.text)}, expected ${expected}`, token);
  }

  report(message: string, token: Token, severity: Problem['severity'] = 'error'): void {
    this.problems.push({ severity, message, start: token.start, end: Math.max(token.end, token.start) });
  }

  /** A `name:` section header starts here (known or not). */
  atSectionHeader(): boolean {
    const t = this.peek;
    return (
      t.kind === 'word' &&
      this.ahead.kind === 'punct' &&
      this.ahead.value === ':' &&
      (t.newline || SECTION_NAMES.has(t.value))
    );
  }

  /** A place a statement may end at: a new line, a section header, the rule's closing brace, the end. */
  atStatementBoundary(): boolean {
    return this.atEnd || this.peek.newline || this.isPunct('}') || this.atSectionHeader();
  }

  /** Skips to the next line outside brackets, a section header or the rule's closing brace. */
  recover(): void {
    let depth = 0;
    const first = this.index;
    while (!this.atEnd) {
      const t = this.peek;
      if (this.index > first && depth <= 0 && (t.newline || this.atSectionHeader())) return;
      if (t.kind === 'punct' && (t.value === '(' || t.value === '[')) depth++;
      if (t.kind === 'punct' && (t.value === ')' || t.value === ']')) depth--;
      if (t.kind === 'punct' && t.value === '}' && depth <= 0) return;
      this.advance();
    }
  }
}
