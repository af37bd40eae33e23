/** The kit's cursor over Kusto tokens, with the statement boundaries and recovery of the grammar. */
import type { Token } from './lexer.js';
import { describeToken } from '../../text/diagnostics.js';
import { TokenCursor } from '../kit/cursor.js';

export class Cursor extends TokenCursor<Token> {
  /** Inside `dynamic(...)`: `[` opens an array, not a bracketed name. */
  inDynamic = false;
  /** Inside a `search` predicate: `Col:"value"` is a comparison. */
  searchColon = false;

  constructor(
    tokens: Token[],
    readonly text: string,
  ) {
    super(tokens, [], { quietAfterError: true });
  }

  /** Is the current token this punctuation or (case-insensitive) word? */
  is(text: string): boolean {
    const t = this.peek();
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

  /** Records an unexpected-token problem at the current token, once until the parser resumes. */
  fail(expected: string): void {
    const t = this.peek();
    if (t.kind !== 'error') return this.unexpected(expected);
    if (t.value === 'unterminated string')
      this.report('unterminated-string', 'Unterminated string literal', t);
    else this.report('unexpected-character', `Unexpected character ${describeToken(t.text)}`, t);
  }

  /** Ends the current statement or operator: does the token close what is being parsed? */
  get atBoundary(): boolean {
    const t = this.peek();
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
      const t = this.peek();
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
    const open = this.peek().text;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let depth = 0;
    while (!this.atEnd) {
      const t = this.next();
      if (t.kind !== 'op') continue;
      if (t.text === open) depth++;
      else if (t.text === close && --depth === 0) return;
    }
    this.report('unbalanced-bracket', `Unexpected end of input, expected "${close}"`, {
      start: this.text.length,
      end: this.text.length,
    });
  }
}
