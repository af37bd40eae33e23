/** Scalar expression grammar of Kusto: or/and, comparisons and string operators, arithmetic, calls, literals. */
import { lookupTable } from '../../text/lookup.js';
import type { Expr, ListExpr } from './ast.js';
import type { Cursor } from './cursor.js';
import { parsePipe } from './tabular.js';

/** Comparison and string operators whose right side is one expression. */
const BINARY_COMPARISONS = new Set([
  '==',
  '!=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  '=~',
  '!~',
  'has',
  '!has',
  'has_cs',
  '!has_cs',
  'hasprefix',
  '!hasprefix',
  'hasprefix_cs',
  '!hasprefix_cs',
  'hassuffix',
  '!hassuffix',
  'hassuffix_cs',
  '!hassuffix_cs',
  'contains',
  '!contains',
  'contains_cs',
  '!contains_cs',
  'startswith',
  '!startswith',
  'startswith_cs',
  '!startswith_cs',
  'endswith',
  '!endswith',
  'endswith_cs',
  '!endswith_cs',
  'like',
  '!like',
  'likecs',
  '!likecs',
  'notlike',
  'notlikecs',
]);

/** Spellings older queries use (`notcontains`, before `!contains`). */
const LEGACY_COMPARISONS: Readonly<Record<string, string>> = lookupTable({
  notcontains: '!contains',
  notcontains_cs: '!contains_cs',
  notcontainscs: '!contains_cs',
  nothas: '!has',
  nothas_cs: '!has_cs',
  notstartswith: '!startswith',
  notendswith: '!endswith',
});

/** Operators whose right side is a parenthesised list (or a tabular expression). */
const SET_COMPARISONS = new Set(['in', '!in', 'in~', '!in~', 'has_any', '!has_any', 'has_all', '!has_all']);

const EXPRESSION = 'an expression';

export function parseExpr(c: Cursor): Expr {
  return parseOr(c);
}

function parseOr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.is('or')) {
    c.next();
    const right = parseAnd(c);
    left = { type: 'binary', op: 'or', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseComparison(c);
  while (c.is('and')) {
    c.next();
    const right = parseComparison(c);
    left = { type: 'binary', op: 'and', left, right, start: left.start, end: right.end };
  }
  return left;
}

/** The comparison operator at the cursor, lower case, or undefined; `matches regex` is two tokens. */
function comparisonOperator(c: Cursor): string | undefined {
  const t = c.peek();
  if (t.kind !== 'op' && t.kind !== 'name') return undefined;
  const written = t.kind === 'name' ? t.text.toLowerCase() : t.text;
  const op = LEGACY_COMPARISONS[written] ?? written;
  if (BINARY_COMPARISONS.has(op) || SET_COMPARISONS.has(op) || op === 'between' || op === '!between')
    return op;
  if (op === 'matches' && c.isAhead(1, 'regex')) return 'matches regex';
  if (c.searchColon && op === ':') return ':';
  return undefined;
}

function parseComparison(c: Cursor): Expr {
  const left = parseAdditive(c);
  const op = comparisonOperator(c);
  if (!op) return left;
  c.next();
  if (op === 'matches regex') c.next();
  if (op === 'between' || op === '!between') return parseBetween(c, left, op === '!between');
  const right = SET_COMPARISONS.has(op) && c.is('(') ? parseParenList(c) : parseAdditive(c);
  return { type: 'binary', op, left, right, start: left.start, end: right.end };
}

function parseBetween(c: Cursor, operand: Expr, negated: boolean): Expr {
  c.expect('(');
  const low = parseAdditive(c);
  c.expect('..');
  const high = parseAdditive(c);
  c.expect(')');
  return { type: 'between', negated, operand, low, high, start: operand.start, end: c.lastEnd };
}

/** `(a, b, c)` or `(T | project x)`: the items, each a full (possibly tabular) expression. */
export function parseParenList(c: Cursor): ListExpr {
  const start = c.peek().start;
  c.expect('(');
  const items: Expr[] = [];
  while (!c.is(')') && !c.atEnd) {
    items.push(parseArgument(c));
    if (!c.accept(',')) break;
  }
  if (!c.accept(')')) {
    // At the end of the query the useful position is the bracket left open, not the end.
    if (c.atEnd)
      c.report('unbalanced-bracket', 'Unexpected end of input, expected ")" to close this "("', {
        start,
        end: start + 1,
      });
    else c.fail('"," or ")"');
  }
  return { type: 'list', items, start, end: c.lastEnd };
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  while (c.is('+') || c.is('-')) {
    const op = c.next().text;
    const right = parseMultiplicative(c);
    left = { type: 'binary', op, left, right, start: left.start, end: right.end };
  }
  return left;
}

/** Can the token after `*` start an operand? If not, the `*` ends a wildcard name (`project-away Initiating*`). */
function startsOperand(c: Cursor): boolean {
  const t = c.peek(1);
  if (t.kind === 'eof') return false;
  if (t.kind !== 'op') return true;
  return t.text === '(' || t.text === '[' || t.text === '-' || t.text === '{';
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parseUnary(c);
  while (c.is('*') || c.is('/') || c.is('%')) {
    if (c.is('*') && left.type === 'name' && !startsOperand(c)) {
      c.next();
      left = { type: 'name', name: `${left.name}*`, start: left.start, end: c.lastEnd };
      continue;
    }
    const op = c.next().text;
    const right = parseUnary(c);
    left = { type: 'binary', op, left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseUnary(c: Cursor): Expr {
  const t = c.peek();
  if (!c.enter()) {
    c.leave();
    c.synchronize();
    return { type: 'literal', text: '', start: t.start, end: t.start };
  }
  let expr: Expr;
  if (c.is('-') || c.is('+')) {
    c.next();
    const operand = parseUnary(c);
    expr = { type: 'unary', op: t.text, operand, start: t.start, end: operand.end };
  } else expr = parsePostfix(c);
  c.leave();
  return expr;
}

function parsePostfix(c: Cursor): Expr {
  let expr = parsePrimary(c);
  for (;;) {
    if (c.is('.') && (c.peek(1).kind === 'name' || c.isAhead(1, '['))) {
      c.next();
      if (c.is('[') && c.peek(1).kind !== 'string') {
        expr = parseIndex(c, expr);
        continue;
      }
      const name = c.is('[') ? parseBracketedName(c) : c.next().text;
      expr = { type: 'member', object: expr, name, start: expr.start, end: c.lastEnd };
    } else if (c.is('[') && expr.type !== 'literal' && expr.type !== 'string') {
      expr = parseIndex(c, expr);
    } else if (c.is('(') && (expr.type === 'name' || expr.type === 'member')) {
      expr = parseCall(c, expr);
    } else return expr;
  }
}

/** `x[0]`, `x["key"]`, and the `x.[0]` form some queries write. */
function parseIndex(c: Cursor, object: Expr): Expr {
  c.expect('[');
  const index = parseExpr(c);
  c.expect(']');
  return { type: 'index', object, index, start: object.start, end: c.lastEnd };
}

function parseCall(c: Cursor, callee: Expr): Expr {
  const name = callee.type === 'name' ? callee.name : callee.type === 'member' ? callee.name : '';
  const wasDynamic = c.inDynamic;
  if (name === 'dynamic' || name === 'pack_array') c.inDynamic = true;
  const list = parseParenList(c);
  c.inDynamic = wasDynamic;
  return { type: 'call', name, callee, args: list.items, start: callee.start, end: list.end };
}

/** A call argument: a tabular or scalar expression, a named argument `x = v`, or `Col:type` inside `typeof(...)`. */
export function parseArgument(c: Cursor): Expr {
  if (c.peek().kind === 'name' && c.isAhead(1, '=')) {
    const start = c.peek().start;
    const name = c.next().text;
    c.next();
    const value = parsePipe(c);
    return { type: 'assign', names: [name], value, start, end: value.end };
  }
  const expr = parsePipe(c);
  if (c.accept(':')) skipType(c);
  return expr;
}

/** Skips a type annotation: `string`, `dynamic`, `(*)`, `(a:string)`. */
export function skipType(c: Cursor): void {
  if (c.is('(')) c.skipGroup();
  else if (c.peek().kind === 'name' || c.peek().kind === 'literal') c.next();
  else c.fail('a type name');
}

/** `['name']` or `["name"]`. */
function parseBracketedName(c: Cursor): string {
  c.expect('[');
  const t = c.peek();
  if (t.kind === 'string') c.next();
  else c.fail('a quoted name');
  c.expect(']');
  return t.value;
}

function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case 'string':
      return parseStrings(c);
    case 'number':
    case 'literal':
      c.next();
      return { type: 'literal', text: t.text, start: t.start, end: t.end };
    case 'name':
      c.next();
      if (t.text === 'true' || t.text === 'false' || t.text === 'null')
        return { type: 'literal', text: t.text, start: t.start, end: t.end };
      return { type: 'name', name: t.text, start: t.start, end: t.end };
    case 'op':
      return parseBracketed(c);
    default:
      c.fail(EXPRESSION);
      return { type: 'literal', text: '', start: t.start, end: t.start };
  }
}

/** Adjacent string literals are one string: `"a" "b"` is `"ab"`. */
function parseStrings(c: Cursor): Expr {
  const first = c.next();
  let value = first.value;
  while (c.peek().kind === 'string') value += c.next().value;
  return { type: 'string', value, start: first.start, end: c.lastEnd };
}

function parseBracketed(c: Cursor): Expr {
  const t = c.peek();
  if (t.text === '(') {
    const list = parseParenList(c);
    return list.items.length === 1 ? { ...list.items[0], start: list.start, end: list.end } : list;
  }
  if (t.text === '[' && c.inDynamic) return parseDynamicArray(c);
  if (t.text === '[') return { type: 'name', name: parseBracketedName(c), start: t.start, end: c.lastEnd };
  if (t.text === '{') {
    c.skipGroup();
    return { type: 'bag', start: t.start, end: c.lastEnd };
  }
  if (t.text === '*') {
    c.next();
    return { type: 'star', start: t.start, end: t.end };
  }
  c.fail(EXPRESSION);
  return { type: 'literal', text: '', start: t.start, end: t.start };
}

function parseDynamicArray(c: Cursor): Expr {
  const start = c.next().start;
  const items: Expr[] = [];
  while (!c.is(']') && !c.atEnd) {
    items.push(parseExpr(c));
    if (!c.accept(',')) break;
  }
  c.expect(']', '"," or "]"');
  return { type: 'list', items, start, end: c.lastEnd };
}
