/** Cuts a stream of JSON text into record texts: NDJSON lines, concatenated pretty-printed objects, or a JSON array's elements. */
import type { Diagnostic } from '../model/diagnostic.js';
import { describeToken, diagnostic } from '../text/diagnostics.js';

/** A record's text and where it starts in the file (1-based). */
export interface RecordText {
  text: string;
  line: number;
  column: number;
}

/** Records longer than this are reported and skipped rather than held in memory. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;
/** Deeper nesting than any real event has; deeper records are reported and skipped. */
export const MAX_RECORD_DEPTH = 64;

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const COMMA = 44;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff;
}

/**
 * Push text chunk by chunk; complete records come out of `take()`. The first record decides the mode:
 * a record on one line makes the file NDJSON (each line stands alone, so one bad line costs one record);
 * otherwise a bracket scanner cuts objects at depth 0, or elements of a top-level array.
 */
export class RecordSplitter {
  private out: RecordText[] = [];
  private mode: 'undecided' | 'lines' | 'scan' = 'undecided';
  // Scanner state.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private inArray = false;
  private arrayDone = false;
  private parts: string[] = [];
  private partsLength = 0;
  private start: { line: number; column: number } | undefined;
  private oversized = false;
  private tooDeep = false;
  private skippingLine = false;
  private line = 1;
  private column = 1;
  // Line mode state.
  private pending = '';
  private pendingOversized = false;

  constructor(
    private readonly file: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  push(chunk: string): void {
    if (this.mode === 'lines') this.pushLines(chunk);
    else this.scan(chunk);
  }

  /** Call once the input ends. */
  finish(): void {
    if (this.mode === 'lines') {
      if (this.pending) this.emitLine(this.pending);
      this.pending = '';
      return;
    }
    if (this.start) {
      this.report(
        `Unexpected end of input in the record that starts at line ${this.start.line}, expected ${this.inString ? '"' : '}'}`,
        this.line,
        this.column,
      );
      this.resetRecord();
    } else if (this.inArray && !this.arrayDone) {
      this.report('Unexpected end of input, expected ]', this.line, this.column);
    }
  }

  /** The line the splitter has reached (1-based), for errors of the stream itself. */
  get currentLine(): number {
    return this.line;
  }

  /** The records completed so far. */
  take(): RecordText[] {
    const records = this.out;
    this.out = [];
    return records;
  }

  private report(message: string, line: number, column: number): void {
    this.diagnostics.push({
      ...diagnostic('error', `${this.file}:${line}: ${message}`, { line, column, offset: 0 }),
      origin: 'events',
    });
  }

  private pushLines(chunk: string): void {
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', from);
      if (newline < 0) break;
      const piece = chunk.slice(from, newline);
      if (this.pendingOversized) this.emitOversizedLine();
      else this.emitLine(this.pending ? this.pending + piece : piece);
      this.pending = '';
      this.pendingOversized = false;
      from = newline + 1;
    }
    if (this.pendingOversized) return;
    this.pending += chunk.slice(from);
    if (this.pending.length > MAX_RECORD_CHARS) {
      this.pending = '';
      this.pendingOversized = true;
    }
  }

  private emitOversizedLine(): void {
    this.report(`Record longer than ${MAX_RECORD_CHARS} characters, skipped`, this.line, 1);
    this.line++;
  }

  private emitLine(text: string): void {
    const line = this.line++;
    if (text.length > MAX_RECORD_CHARS)
      return this.report(`Record longer than ${MAX_RECORD_CHARS} characters, skipped`, line, 1);
    let first = 0;
    while (first < text.length && isSpace(text.charCodeAt(first))) first++;
    if (first === text.length) return;
    this.out.push({ text, line, column: first + 1 });
  }

  private scan(chunk: string): void {
    let recordFrom = this.start ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === NEWLINE) {
        this.line++;
        this.column = 0;
        this.skippingLine = false;
      }
      this.column++;
      if (this.skippingLine) continue;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) this.inString = false;
        continue;
      }
      if (this.start) {
        if (code === QUOTE) this.inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          if (++this.depth > MAX_RECORD_DEPTH) this.tooDeep = true;
        } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --this.depth === 0) {
          this.keep(chunk.slice(recordFrom, i + 1));
          this.endRecord();
          recordFrom = -1;
          if (this.mode === 'lines') return this.pushLines(chunk.slice(i + 1));
        }
        continue;
      }
      if (isSpace(code) || (this.inArray && code === COMMA)) continue;
      if (code === OPEN_BRACKET && !this.inArray && this.mode === 'undecided') {
        this.inArray = true;
        this.mode = 'scan';
      } else if (code === CLOSE_BRACKET && this.inArray && !this.arrayDone) this.arrayDone = true;
      else if (code === OPEN_BRACE && !this.arrayDone) {
        this.start = { line: this.line, column: this.column - 1 };
        this.depth = 1;
        recordFrom = i;
      } else {
        this.report(
          `Unexpected ${describeToken(chunk.slice(i, i + 20).split('\n')[0])}, expected a JSON object`,
          this.line,
          this.column - 1,
        );
        this.skippingLine = true;
      }
    }
    if (this.start && recordFrom >= 0) this.keep(chunk.slice(recordFrom));
  }

  private keep(piece: string): void {
    if (this.oversized) return;
    this.partsLength += piece.length;
    if (this.partsLength > MAX_RECORD_CHARS) {
      this.oversized = true;
      this.parts = [];
    } else this.parts.push(piece);
  }

  private endRecord(): void {
    const start = this.start!;
    if (this.oversized)
      this.report(`Record longer than ${MAX_RECORD_CHARS} characters, skipped`, start.line, start.column);
    else if (this.tooDeep)
      this.report(`Record nested deeper than ${MAX_RECORD_DEPTH} levels, skipped`, start.line, start.column);
    else {
      const text = this.parts.join('');
      this.out.push({ text, line: start.line, column: start.column });
      if (this.mode === 'undecided') this.mode = text.includes('\n') ? 'scan' : 'lines';
    }
    this.resetRecord();
  }

  private resetRecord(): void {
    this.start = undefined;
    this.parts = [];
    this.partsLength = 0;
    this.oversized = false;
    this.tooDeep = false;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }
}
