/** Maps offsets in a file, or in a query string lifted out of a file, to file positions. */
import type { Position, Span } from '../model/span.js';
import type { QuerySource } from '../model/rule.js';

/** Offsets of the first character of each line; a line ends at `\n` (a `\r` before it belongs to the line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last entry of a sorted list that is <= value. */
function floorIndex(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Anything that turns an offset into a file position. */
export interface Locator {
  position(offset: number): Position;
  span(start: number, end: number): Span;
}

/** Positions in one file's text. */
export class FileLocator implements Locator {
  private readonly starts: number[];
  private static last: FileLocator | undefined;

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  /**
   * The locator of `text`, shared with the previous caller when it asked about the same text: readers ask
   * once per rule, and a file of 20,000 rules must not scan its lines 20,000 times.
   */
  static of(text: string): FileLocator {
    const last = FileLocator.last;
    if (last && last.text === text) return last;
    FileLocator.last = new FileLocator(text);
    return FileLocator.last;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = floorIndex(this.starts, clamped);
    return { line: line + 1, column: clamped - this.starts[line] + 1, offset: clamped };
  }

  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Lines as an editor counts them: a final newline does not open a new line. */
  get lineCount(): number {
    if (this.text.length === 0) return 0;
    return this.text.endsWith('\n') ? this.starts.length - 1 : this.starts.length;
  }
}

/**
 * Positions of a query's offsets in the file the query was read from. A query that is a contiguous
 * slice of the file maps by its start; one that is not (a YAML block scalar) maps line by line.
 */
export class QueryLocator implements Locator {
  private readonly starts: number[];

  constructor(private readonly source: Pick<QuerySource, 'text' | 'start' | 'lineStarts'>) {
    this.starts = lineStarts(source.text);
  }

  /** A locator for a bare query with no file around it (tests, a query typed on the command line). */
  static bare(text: string): QueryLocator {
    return new QueryLocator({ text, start: { line: 1, column: 1, offset: 0 } });
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.source.text.length));
    const line = floorIndex(this.starts, clamped);
    const column = clamped - this.starts[line];
    const lineStart = this.source.lineStarts?.[line];
    if (lineStart)
      return { line: lineStart.line, column: lineStart.column + column, offset: lineStart.offset + column };
    const { start } = this.source;
    if (line === 0)
      return { line: start.line, column: start.column + column, offset: start.offset + clamped };
    return { line: start.line + line, column: column + 1, offset: start.offset + clamped };
  }

  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(end) };
  }
}

/**
 * File positions of each line of `value`, a string that a YAML or TOML parser folded out of
 * `fileText[from, to)` (block scalars drop indentation; escapes may shift columns). Each line of the
 * value is looked for in order inside the region; a line not found keeps the previous line's next line.
 */
export function locateLines(fileText: string, from: number, to: number, value: string): Position[] {
  const file = FileLocator.of(fileText);
  const result: Position[] = [];
  let cursor = from;
  for (const line of value.split('\n')) {
    const probe = line.trimEnd();
    const found = probe.length === 0 ? -1 : fileText.indexOf(probe, cursor);
    if (found !== -1 && found < to) {
      result.push(file.position(found));
      cursor = found + probe.length;
    } else {
      const next = fileText.indexOf('\n', cursor);
      const lineStart = next === -1 || next >= to ? cursor : next + 1;
      result.push(file.position(lineStart));
      cursor = lineStart;
    }
  }
  return result;
}
