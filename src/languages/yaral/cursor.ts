/** The kit's cursor over YARA-L tokens, with the section and statement boundaries of a rule. */
import type { Token } from './lexer.js';
import { TokenCursor } from '../kit/cursor.js';
import type { Problem } from '../kit/problem.js';

export const SECTION_NAMES = new Set(['meta', 'events', 'match', 'outcome', 'condition', 'options']);

export class Cursor extends TokenCursor<Token> {
  constructor(
    readonly text: string,
    tokens: Token[],
    problems: Problem[],
  ) {
    super(tokens, problems);
  }

  /** Enters one nesting level; past the bound (reported once) the rest of the input is skipped. */
  override enter(): boolean {
    if (super.enter()) return true;
    while (!this.atEnd) this.next();
    return false;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  is(kind: Token['kind'], value?: string): boolean {
    const t = this.peek();
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
    return this.is(kind, value) ? this.next() : undefined;
  }

  /** Consumes a matching token, or reports the one found and leaves it in place. */
  expect(kind: Token['kind'], value: string | undefined, expected: string): Token | undefined {
    const token = this.accept(kind, value);
    if (!token) this.unexpected(expected);
    return token;
  }

  /** A `name:` section header starts here (known or not). */
  atSectionHeader(): boolean {
    const t = this.peek();
    return (
      t.kind === 'word' &&
      this.peek(1).kind === 'punct' &&
      this.peek(1).value === ':' &&
      (t.newline || SECTION_NAMES.has(t.value))
    );
  }

  /** A place a statement may end at: a new line, a section header, the rule's closing brace, the end. */
  atStatementBoundary(): boolean {
    return this.atEnd || this.peek().newline || this.isPunct('}') || this.atSectionHeader();
  }

  /** Skips to the next line outside brackets, a section header or the rule's closing brace. */
  recover(): void {
    let depth = 0;
    const first = this.index;
    while (!this.atEnd) {
      const t = this.peek();
      if (this.index > first && depth <= 0 && (t.newline || this.atSectionHeader())) return;
      if (t.kind === 'punct' && (t.value === '(' || t.value === '[')) depth++;
      if (t.kind === 'punct' && (t.value === ')' || t.value === ']')) depth--;
      if (t.kind === 'punct' && t.value === '}' && depth <= 0) return;
      this.next();
    }
  }
}
