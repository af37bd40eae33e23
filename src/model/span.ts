/** Source positions: every span is relative to the file a rule was read from, not to the query string inside it. */

/** A point in a file: 1-based line and column (in UTF-16 code units), 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open range of a file, [start, end). */
export interface Span {
  start: Position;
  end: Position;
}
