/**
 * The nesting bound every recursive-descent parser keeps: past it the parser reports `too-deep` where the
 * nesting goes too far and skips the nested part, instead of exhausting the stack.
 */
import { describeToken } from '../../text/diagnostics.js';
import type { Problem } from './problem.js';

/** Deeper nesting than any real query has. */
export const MAX_DEPTH = 256;

/** The problem of nesting past the bound at `at` (`found`: the token there, as written). */
export function tooDeepProblem(found: string | undefined, at: { start: number; end: number }): Problem {
  return {
    severity: 'error',
    kind: 'too-deep',
    message: `Query nests too deeply at ${describeToken(found)}, expected at most ${MAX_DEPTH} levels of nesting`,
    start: at.start,
    end: Math.max(at.end, at.start),
  };
}

/** One parse's nesting level: `enter()` is false past the bound; each `enter()` that succeeded pairs with `leave()`. */
export class NestingDepth {
  private level = 0;

  enter(): boolean {
    if (this.level >= MAX_DEPTH) return false;
    this.level++;
    return true;
  }

  leave(): void {
    this.level--;
  }
}
