/** A position in the ES|QL token list, with the lookahead tests and error reporting the grammar shares. */
import type { Problem, Token } from './lexer.js';

export class TokenCursor {
  protected pos = 0;
  private lastErrorAt = -1;

  constructor(
    protected readonly tokens: Token[],
    protected readonly problems: Problem[],
  ) {}

  protected peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  protected next(): Token {
    const token = this.tokens[this.pos];
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  /** The last token consumed. */
  protected previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)];
  }

  protected atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  protected isOp(op: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'op' && token.text === op;
  }

  /** A keyword: an unquoted identifier, in any case. */
  protected isWord(word: string, offset = 0): boolean {
    return this.peek(offset).lower === word;
  }

  protected acceptOp(op: string): Token | undefined {
    return this.isOp(op) ? this.next() : undefined;
  }

  protected acceptWord(word: string): Token | undefined {
    return this.isWord(word) ? this.next() : undefined;
  }

  protected expectOp(op: string): boolean {
    if (this.acceptOp(op)) return true;
    this.unexpected(JSON.stringify(op));
    return false;
  }

  /** Reports the current token; one report per token, so recovery does not repeat itself. */
  protected unexpected(expected: string): void {
    const token = this.peek();
    if (token.start === this.lastErrorAt) return;
    this.lastErrorAt = token.start;
    const found =
      token.kind === 'eof'
        ? 'end of input'
        : JSON.stringify(token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text);
    this.problems.push({
      severity: 'error',
      message: `Unexpected ${found}, expected ${expected}`,
      start: token.start,
      end: token.end,
    });
  }

  /** Skips to the `|` that ends the current command, stepping over bracketed parts (FORK branches hold pipes). */
  protected skipToPipe(): void {
    let depth = 0;
    while (!this.atEnd()) {
      const token = this.peek();
      if (token.kind === 'op') {
        if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
        else if (token.text === ')' || token.text === ']' || token.text === '}')
          depth = Math.max(0, depth - 1);
        else if (token.text === '|' && depth === 0) return;
      }
      this.pos++;
    }
  }

  /**
   * Tokens written without space between them, read as one name: index patterns (`logs-endpoint.events.*`),
   * field patterns (`host.*`), policies (`_any:policy`). Stops at a comma, a pipe, or a bracket.
   */
  protected adjacentRun(): { text: string; start: number; end: number } | undefined {
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
