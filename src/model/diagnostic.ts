/** Diagnostics: problems found in rule content, collected rather than thrown. */
import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  type: 'diagnostic';
  severity: Severity;
  /** Reads "Unexpected X, expected Y" where that fits. */
  message: string;
  /** 1-based line and column in the file. */
  line: number;
  column: number;
  span?: Span;
  /** Which step raised it: a format id, a language id, or `catalog`. */
  origin?: string;
  /**
   * What kind of problem it is, stable across versions and wordings: `<language>/<problem>`, such as
   * `spl/unexpected-token`. Every diagnostic a parser raises has one; readers may leave it out.
   */
  code?: string;
}
