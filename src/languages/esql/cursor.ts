/** The kit's cursor over ES|QL tokens, with the lookahead tests the grammar shares. */
import type { Token } from './lexer.js';
import { TokenCursor } from '../kit/cursor.js';

export class EsqlCursor extends TokenCursor<Token> {
  isOp(op: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.text === op;
  }

  /** A keyword: an unquoted identifier, in any case. */
  isWord(word: string, offset = 0): boolean {
    return this.peek(offset).lower === word;
  }

  acceptOp(op: string): Token | undefined {
    return this.isOp(op) ? this.next() : undefined;
  }

  acceptWord(word: string): Token | undefined {
    return this.isWord(word) ? this.next() : undefined;
  }

  expectOp(op: string): boolean {
    if (this.acceptOp(op)) return true;
    this.unexpected(JSON.stringify(op));
    return false;
  }

  /** Skips to the `|` that ends the current command, stepping over bracketed parts (FORK branches hold pipes). */
  skipToPipe(): void {
    let depth = 0;
    while (!this.atEnd) {
      const token = this.peek();
      if (token.kind === 'op') {
        if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
        else if (token.text === ')' || token.text === ']' || token.text === '}')
          depth = Math.max(0, depth - 1);
        else if (token.text === '|' && depth === 0) return;
      }
      this.index++;
    }
  }

  /**
   * Tokens written without space between them, read as one name: index patterns (`logs-endpoint.events.*`),
   * field patterns (`host.*`), policies (`_any:policy`). Stops at a comma, a pipe, or a bracket.
   */
  adjacentRun(): { text: string; start: number; end: number } | undefined {
    const first = this.peek();
    if (first.kind === 'eof' || (first.kind === 'op' && ',|()[]{}='.includes(first.text))) return undefined;
    let end = this.next().end;
    let text = first.kind === 'string' || first.kind === 'quoted_ident' ? first.value : first.text;
    while (this.peek().start === end && this.peek().kind !== 'eof') {
      const token = this.peek();
      if (token.kind === 'op' && ',|()[]{}='.includes(token.text)) break;
      text += token.kind === 'quoted_ident' ? token.value : token.text;
      end = this.next().end;
    }
    return { text, start: first.start, end };
  }
}
