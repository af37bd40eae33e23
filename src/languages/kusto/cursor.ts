/** The parser's position in the token list, and the problems it records instead of throwing. */
import type { ParseProblem } from './ast.js';
import type { Token } from './lexer.js';
import { describeToken } from '../../text/diagnostics.js';

/** Deeper nesting than any real query has; past it the parser stops descending. */
const MAX_DEPTH = 256;

export class Cursor {
  private index = 0;
  readonly problems: ParseProblem[] = [];
  /** Set after an error until the parser resynchronises, so one mistake gives one diagnostic. */
  panic = false;
  /** Inside `dynamic(...)`: `[` opens an array, not a bracketed name. */
  inDynamic = false;
  /** Inside a `search` predicate: `Col:"value"` is a comparison. */
  searchColon = false;
  /** Current nesting of expressions, bounded so hostile input cannot exhaust the stack. */
  private depth = 0;

  constructor(
    readonly tokens: Token[],
    readonly text: string,
  ) {}

  get token(): Token {
    return this.tokens[this.index];
  }

  peek(ahead = 1): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  /** End offset of the last consumed token. */
  get lastEnd(): number {
    return this.index === 0 ? 0 : this.tokens[this.index - 1].end;
  }

  get atEnd(): boolean {
    return this.token.kind === 'eof';
  }

  next(): Token {
    const t = this.token;
    if (t.kind !== 'eof') this.index++;
    return t;
  }

  /** Is the current token this punctuation or (case-insensitive) word? */
  is(text: string): boolean {
    const t = this.token;
    return (
      (t.kind === 'op' || t.kind === 'name') &&
      (t.text === text || (t.kind === 'name' && t.text.toLowerCase() === text))
    );
  }

  isAhead(ahead: number, text: string): boolean {
    const t = this.peek(ahead);
    return (
      (t.kind === 'op' || t.kind === 'name') &&
      (t.text === text || (t.kind === 'name' && t.text.toLowerCase() === text))
    );
  }

  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  /** Consumes `text` or records "Unexpected X, expected Y" and leaves the token for the caller's recovery. */
  expect(text: string, expected = `"${text}"`): boolean {
    if (this.accept(text)) return true;
    this.fail(expected);
    return false;
  }

  /** Enters one level of nesting; false (with a problem recorded) past the limit. Pair with `leave()`. */
  enter(): boolean {
    if (++this.depth <= MAX_DEPTH) return true;
    this.problem(
      `Unexpected ${describeToken(this.token.text)}, expected at most ${MAX_DEPTH} levels of nesting`,
      this.token,
    );
    return false;
  }

  leave(): void {
    this.depth--;
  }

  /** Records an unexpected-token problem at the current token, once per panic. */
  fail(expected: string): void {
    const t = this.token;
    if (t.kind === 'error')
      this.problem(
        t.value === 'unterminated string'
          ? 'Unterminated string literal'
          : `Unexpected character ${describeToken(t.text)}`,
        t,
      );
    else
      this.problem(
        `Unexpected ${t.kind === 'eof' ? 'end of input' : describeToken(t.text)}, expected ${expected}`,
        t,
      );
  }

  problem(message: string, at: { start: number; end: number }): void {
    if (this.panic) return;
    this.problems.push({ message, start: at.start, end: at.end });
    this.panic = true;
  }

  /** Ends the current statement or operator: does the token close what is being parsed? */
  get atBoundary(): boolean {
    const t = this.token;
    if (t.kind === 'eof') return true;
    return (
      t.kind === 'op' &&
      (t.text === '|' || t.text === ';' || t.text === ')' || t.text === ']' || t.text === '}')
    );
  }

  /**
   * Skips to the next `|` or `;` at this nesting depth (or the closer of an enclosing bracket),
   * so parsing resumes with the next operator after an error.
   */
  synchronize(): void {
    let depth = 0;
    while (!this.atEnd) {
      const t = this.token;
      if (t.kind === 'op') {
        if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (depth === 0) return;
          depth--;
        } else if (depth === 0 && (t.text === '|' || t.text === ';')) return;
      }
      this.next();
    }
  }

  /** Skips a balanced bracket group starting at the current opener. */
  skipGroup(): void {
    const open = this.token.text;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let depth = 0;
    while (!this.atEnd) {
      const t = this.next();
      if (t.kind !== 'op') continue;
      if (t.text === open) depth++;
      else if (t.text === close && --depth === 0) return;
    }
    this.problem(`Unexpected end of input, expected "${close}"`, {
      start: this.text.length,
      end: this.text.length,
    });
  }
}
