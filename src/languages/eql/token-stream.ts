/** A cursor over EQL tokens that records "Unexpected X, expected Y" problems and resynchronises after them. */
import { describeToken } from '../../text/diagnostics.js';
import type { Severity } from '../../model/diagnostic.js';
import type { Token } from './lexer.js';

export interface ParseProblem {
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

export class TokenStream {
  protected index = 0;
  readonly problems: ParseProblem[] = [];
  /** Set after an error until the parser resynchronises, so one mistake gives one diagnostic. */
  private quiet = false;

  constructor(protected readonly tokens: Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** The end offset of the last consumed token. */
  get lastEnd(): number {
    return this.index > 0 ? this.tokens[this.index - 1].end : 0;
  }

  isPunct(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.text === text;
  }

  /** Keywords are matched without regard to case, as Elasticsearch does. */
  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.value.length === word.length && t.value.toLowerCase() === word;
  }

  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.index++;
    return true;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.index++;
    return true;
  }

  /** Consumes `text` or reports what was found instead. */
  expectPunct(text: string): boolean {
    if (this.acceptPunct(text)) return true;
    this.unexpected(JSON.stringify(text));
    return false;
  }

  unexpected(expected: string, token = this.peek()): void {
    const found = token.kind === 'eof' ? 'end of input' : describeToken(token.text);
    this.error(`Unexpected ${found}, expected ${expected}`, token.start, token.end);
  }

  error(message: string, start: number, end: number, severity: Severity = 'error'): void {
    if (this.quiet && severity === 'error') return;
    this.problems.push({ severity, message, start, end });
    if (severity === 'error') this.quiet = true;
  }

  /**
   * Skips to the next token in `stops` at bracket depth zero; brackets opened on the way are skipped
   * whole, and a stray closing bracket is skipped too.
   */
  skipTo(stops: ReadonlySet<string>): void {
    let depth = 0;
    for (let t = this.peek(); t.kind !== 'eof'; t = this.peek()) {
      if (t.kind === 'punct') {
        if (depth === 0 && stops.has(t.text)) break;
        if (t.text === '(' || t.text === '[' || t.text === '![') depth++;
        else if ((t.text === ')' || t.text === ']') && depth > 0) depth--;
      }
      this.index++;
    }
    this.quiet = false;
  }

  resume(): void {
    this.quiet = false;
  }
}
