/** The one cursor every hand-written parser walks its tokens with: lookahead, problems and a nesting bound. */
import type { Severity } from '../../model/diagnostic.js';
import { describeToken } from '../../text/diagnostics.js';
import type { LexedToken } from '../../text/token.js';
import type { Problem, ProblemKind } from './problem.js';

import { NestingDepth, tooDeepProblem } from './depth.js';

export interface CursorOptions {
  /**
   * After an error, stay quiet until the parser calls `resume()` (having resynchronised), so one
   * mistake gives one diagnostic. Without it, only a second report at the same token is dropped.
   */
  quietAfterError?: boolean;
}

/** Offsets a problem is reported at. */
export interface Extent {
  start: number;
  end: number;
}

/** A token list that always ends with an `eof` token. */
export class TokenCursor<T extends LexedToken<string>> {
  protected index = 0;
  private readonly depth = new NestingDepth();
  private quiet = false;
  private lastErrorAt = -1;

  constructor(
    readonly tokens: readonly T[],
    readonly problems: Problem[] = [],
    private readonly options: CursorOptions = {},
  ) {}

  /** The current token, or one `ahead` of it; past the end, `eof`. */
  peek(ahead = 0): T {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  /** Consumes the current token; `eof` is never consumed. */
  next(): T {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** The last token consumed (the first token before any). */
  get previous(): T {
    return this.tokens[Math.max(0, this.index - 1)];
  }

  /** End offset of the last token consumed; 0 before any. */
  get lastEnd(): number {
    return this.index > 0 ? this.tokens[this.index - 1].end : 0;
  }

  get atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Reports "Unexpected X, expected Y" at `token` (the current one by default). */
  unexpected(expected: string, token: T = this.peek()): void {
    const found = token.kind === 'eof' ? 'end of input' : describeToken(token.text);
    this.report('unexpected-token', `Unexpected ${found}, expected ${expected}`, token);
  }

  report(kind: ProblemKind, message: string, at: Extent, severity: Severity = 'error'): void {
    if (severity === 'error') {
      if (this.quiet || at.start === this.lastErrorAt) return;
      this.lastErrorAt = at.start;
      if (this.options.quietAfterError) this.quiet = true;
    }
    this.problems.push({ severity, kind, message, start: at.start, end: Math.max(at.end, at.start) });
  }

  /** Back on track after an error: the next error is reported again. */
  resume(): void {
    this.quiet = false;
  }

  /** Whether errors are being held back after one was reported. */
  get quieted(): boolean {
    return this.quiet;
  }

  /** Enters one level of nesting; false, with a `too-deep` problem, past the bound. Pair with `leave()`. */
  enter(): boolean {
    if (this.depth.enter()) return true;
    const { kind, message } = tooDeepProblem(this.peek().text, this.peek());
    this.report(kind, message, this.peek());
    return false;
  }

  leave(): void {
    this.depth.leave();
  }
}
