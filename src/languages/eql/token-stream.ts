/** The kit's cursor over EQL tokens: quiet after an error until the grammar resynchronises. */
import type { Token } from './lexer.js';
import { TokenCursor } from '../kit/cursor.js';

export class TokenStream extends TokenCursor<Token> {
  constructor(tokens: Token[]) {
    super(tokens, [], { quietAfterError: true });
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

  /**
   * Skips what nests at the current token, after a too-deep report: signs and `not`s, then a call's or a
   * group's brackets whole, or one token.
   */
  skipNested(): void {
    while (this.isWord('not') || this.isPunct('-') || this.isPunct('+')) this.index++;
    if (this.peek().kind === 'ident' && this.isPunct('(', 1)) this.index++;
    if (!this.isPunct('(') && !this.isPunct('[')) {
      this.next();
      return;
    }
    let depth = 0;
    for (let t = this.next(); t.kind !== 'eof'; t = this.next()) {
      if (t.kind !== 'punct') continue;
      if (t.text === '(' || t.text === '[' || t.text === '![') depth++;
      else if ((t.text === ')' || t.text === ']') && --depth === 0) return;
    }
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
    this.resume();
  }
}
