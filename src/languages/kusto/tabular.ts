/** Tabular grammar of Kusto: pipelines (`source | op | op`) and the argument shapes of the operators. */
import type { Expr, Operator, PipeExpr } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpr, parseParenList } from './expressions.js';
import { LEGACY_OPERATORS, OPERATORS, SOURCE_OPERATORS, type OperatorSpec } from './operators.js';
import { parseListArguments, parseOptions } from './arguments.js';

/** A full expression where a tabular one may stand: a source followed by `| operator` steps, or a scalar. */
export function parsePipe(c: Cursor): Expr {
  const start = c.peek().start;
  const source = startsWithOperator(c) ? parseOperator(c) : parseExpr(c);
  if (!c.is('|')) return source.type === 'operator' ? pipeOf(source, [], start, c.lastEnd) : source;
  const operators: Operator[] = [];
  while (c.accept('|')) {
    c.resume();
    operators.push(parseOperator(c));
  }
  return pipeOf(source, operators, start, c.lastEnd);
}

function pipeOf(source: Expr | Operator, operators: Operator[], start: number, end: number): PipeExpr {
  return { type: 'pipe', source, operators, start, end };
}

/** Does a source operator (`union`, `datatable`, `print`, ...) start here rather than a table name? */
function startsWithOperator(c: Cursor): boolean {
  const t = c.peek();
  if (t.kind !== 'name') return false;
  const word = t.text.toLowerCase();
  if (!SOURCE_OPERATORS.has(word)) return false;
  if (word === 'range') return c.peek(1).kind === 'name' && c.isAhead(2, 'from');
  if (word === 'datatable' || word === 'externaldata') return c.isAhead(1, '(');
  return !c.isAhead(1, '.') && !c.isAhead(1, '=') && !c.isAhead(1, '==');
}

/** One operator from its name to the next `|`; on a problem, records it and skips to the next `|`. */
export function parseOperator(c: Cursor): Operator {
  const t = c.peek();
  const written = t.kind === 'name' ? t.text.toLowerCase() : '';
  const name = LEGACY_OPERATORS.get(written) ?? written;
  const spec = OPERATORS.get(name);
  const op: Operator = {
    type: 'operator',
    name,
    options: {},
    args: [],
    tables: [],
    start: t.start,
    end: t.end,
  };
  if (!spec) {
    c.fail('a tabular operator');
    c.synchronize();
    op.end = Math.max(op.end, c.lastEnd);
    return op;
  }
  c.next();
  parseGrammar(c, op, spec);
  if (!c.atBoundary) {
    c.fail('"|"');
    c.synchronize();
  }
  op.end = c.lastEnd;
  return op;
}

function parseGrammar(c: Cursor, op: Operator, spec: OperatorSpec): void {
  if (op.name === 'sort' || op.name === 'order') c.expect('by');
  switch (spec.grammar) {
    case 'predicate':
      op.args.push(parseExpr(c));
      return;
    case 'list':
      parseListArguments(c, op, spec);
      return;
    case 'join':
      parseJoin(c, op, spec);
      return;
    case 'union':
      parseUnion(c, op, spec);
      return;
    case 'parse':
      parseParse(c, op, spec);
      return;
    case 'apply':
      parseApply(c, op, spec);
      return;
    case 'partition':
      parsePartition(c, op, spec);
      return;
    case 'fork':
      while (c.is('(')) op.tables.push(parseChainInParens(c));
      return;
    case 'datatable':
    case 'externaldata':
      parseDataTable(c, op);
      return;
    case 'search':
    case 'find':
      parseSearch(c, op, spec);
      return;
    case 'opaque':
      parseOpaque(c, op, spec);
  }
}

/** `join kind=inner (T | ...) on a, $left.b == $right.c`; `lookup` has the same shape. */
function parseJoin(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseOptions(c, op, spec);
  op.tables.push(parseExpr(c));
  if (!c.accept('on')) return;
  do op.args.push(parseExpr(c));
  while (c.accept(','));
}

/** `union kind=outer withsource=T A, B*, (C | where ...)`. */
function parseUnion(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseOptions(c, op, spec);
  do op.tables.push(parseExpr(c));
  while (c.accept(','));
}

/** `parse kind=regex Col with "a" x:string "b" *`: the pattern is kept as text. */
function parseParse(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseOptions(c, op, spec);
  op.args.push(parseExpr(c));
  if (!c.expect('with')) return;
  while (!c.atBoundary) {
    const t = c.peek();
    if (t.kind === 'string' || t.kind === 'name' || t.kind === 'number' || t.kind === 'literal') c.next();
    else if (t.kind === 'op' && (t.text === '*' || t.text === ':' || t.text === ',')) c.next();
    else if (t.kind === 'op' && (t.text === '(' || t.text === '[')) c.skipGroup();
    else return c.fail('a parse pattern');
  }
}

/** `mv-apply x to typeof(string) on (where x has "a" | ...)`. */
function parseApply(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseListArguments(c, op, { ...spec, keywords: new Set([...(spec.keywords ?? []), 'on']) }, 'on');
  if (!c.expect('on')) return;
  op.tables.push(parseChainInParens(c));
}

/** `partition hint.strategy=native by Col (top 1 by Timestamp)`. */
function parsePartition(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseOptions(c, op, spec);
  if (!c.expect('by')) return;
  // The key is a column, not a call: `by DeviceId (subquery)`.
  const key = c.peek();
  if (key.kind === 'name') {
    c.next();
    op.args.push({ type: 'name', name: key.text, start: key.start, end: key.end });
  } else c.fail('a column name');
  if (c.is('(')) op.tables.push(parseChainInParens(c));
  else if (c.is('{')) c.skipGroup();
}

/** `( op | op ... )`: a pipeline whose input is the enclosing row or partition. */
function parseChainInParens(c: Cursor): PipeExpr {
  const start = c.peek().start;
  c.expect('(');
  const first = parseOperator(c);
  const operators: Operator[] = [];
  while (c.accept('|')) operators.push(parseOperator(c));
  c.expect(')', '"|" or ")"');
  return { type: 'pipe', source: first, operators, start, end: c.lastEnd };
}

/** `datatable(a:string)[ "x", ... ]` and `externaldata(a:string)[ "url" ] with (format="csv")`. */
function parseDataTable(c: Cursor, op: Operator): void {
  if (c.is('(')) c.skipGroup();
  else c.fail('"("');
  if (!c.expect('[')) return;
  while (!c.is(']') && !c.atEnd) {
    op.args.push(parseExpr(c));
    if (!c.accept(',')) break;
  }
  c.expect(']', '"," or "]"');
  if (op.name === 'externaldata' && c.accept('with')) {
    if (c.is('(')) c.skipGroup();
    else c.fail('"("');
  }
}

/** `search [in (T1, T2)] predicate` and `find [in (T1)] where predicate [project a, b]`. */
function parseSearch(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseOptions(c, op, spec);
  if (c.accept('in')) op.tables.push(...parseParenList(c).items);
  if (op.name === 'find') c.expect('where');
  c.searchColon = op.name === 'search';
  op.args.push(parseExpr(c));
  c.searchColon = false;
  if (op.name === 'find' && (c.is('project') || c.is('project-smart'))) {
    c.next();
    parseListArguments(c, op, { grammar: 'list' });
  }
}

/** Operators whose inner grammar nothing downstream reads (`scan`, graph operators): balanced tokens to the next `|`. */
function parseOpaque(c: Cursor, op: Operator, spec: OperatorSpec): void {
  parseOptions(c, op, spec);
  while (!c.atBoundary) {
    if (c.is('(') || c.is('[') || c.is('{')) c.skipGroup();
    else if (c.peek().kind === 'error') return c.fail('"|"');
    else c.next();
  }
}
