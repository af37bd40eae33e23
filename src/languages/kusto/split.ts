/**
 * Where one text holds several Kusto queries: collections paste a "Sentinel query" and an "Advanced Hunting
 * query" one after the other, separated only by blank lines and `//` comments. A new query starts where a line
 * opens a tabular expression (a table name, `union`, `find`, `search`, or `let` bindings followed by one) after
 * a complete query.
 */
import { tokenize, type Token } from './lexer.js';

export interface QueryPart {
  /** Offsets in the text, [start, end): from the part's first line (its leading comments included). */
  start: number;
  end: number;
}

/** Words that start a tabular expression on their own. */
const SOURCE_OPERATORS = new Set([
  'union',
  'find',
  'search',
  'print',
  'datatable',
  'externaldata',
  'range',
  'evaluate',
]);
/** A line ending in one of these goes on: the next line cannot start a new query. */
const CONTINUES = new Set([
  '|',
  ',',
  '(',
  '[',
  '{',
  '=',
  '==',
  '!=',
  '=~',
  '!~',
  '<',
  '>',
  '<=',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  'and',
  'or',
  'not',
  'by',
  'on',
  'with',
  'in',
  'in~',
  '!in',
  '!in~',
  'has',
  'contains',
  'startswith',
  'endswith',
  'matches',
  'between',
  'kind',
  'of',
  'asc',
  'desc',
]);

/** The queries of a text, in order: one part spanning the whole text when it holds one query. */
export function splitQueries(text: string): QueryPart[] {
  const tokens = tokenize(text).filter((t) => t.kind !== 'eof');
  const cuts: number[] = [];
  let depth = 0;
  let inLet = false;
  let complete = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const previous = tokens[i - 1];
    if (depth === 0 && previous && complete && setApart(text, previous, t) && opensQuery(tokens, i, text)) {
      if (!CONTINUES.has(previous.text.toLowerCase())) {
        cuts.push(lineStart(text, t.start, previous.end));
        complete = false;
      }
    }
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'op' && ')]}'.includes(t.text)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.text === ';') inLet = false;
    else if (
      depth === 0 &&
      t.kind === 'name' &&
      t.text === 'let' &&
      (!previous || previous.text === ';' || startsLine(text, previous, t))
    )
      inLet = true;
    else if (depth === 0 && !inLet && t.text === '|') complete = true;
  }
  if (cuts.length === 0) return [{ start: 0, end: text.length }];
  const starts = [0, ...cuts];
  return starts.map((start, n) => ({ start, end: n + 1 < starts.length ? starts[n + 1] : text.length }));
}

/** A blank line or a comment line between two tokens: how collections set one query apart from the next. */
function setApart(text: string, previous: Token, t: Token): boolean {
  return /\n[ \t\r]*(?:\n|\/\/)/.test(text.slice(previous.end, t.start));
}

function startsLine(text: string, previous: Token, t: Token): boolean {
  return text.slice(previous.end, t.start).includes('\n');
}

/** A table name alone on its line or before `|`, a source operator, or `let`. */
function opensQuery(tokens: Token[], i: number, text: string): boolean {
  const t = tokens[i];
  if (t.kind !== 'name') return false;
  const word = t.text.toLowerCase();
  if (word === 'let' || SOURCE_OPERATORS.has(word)) return true;
  if (CONTINUES.has(word)) return false;
  const next = tokens[i + 1];
  return !next || next.text === '|' || startsLine(text, t, next);
}

/**
 * Where the new part begins: after the line that ends the previous query, so the comments that introduce
 * the next query (`// Query #2`) go with it.
 */
function lineStart(text: string, offset: number, previousEnd: number): number {
  const newline = text.indexOf('\n', previousEnd);
  if (newline < 0 || newline >= offset) return offset;
  // Blank lines between the queries belong to neither.
  const blank = /^(?:[ \t\r]*\n)*/.exec(text.slice(newline + 1, offset))![0].length;
  return newline + 1 + blank;
}
