/**
 * The YARA-L expression grammar, by precedence: `or` < `and` < `not`/`!`/`any`/`all` < comparison and `in`
 * (with a trailing `nocase`) < `+ -` < `* /` < unary `-` < primaries (paths, calls, literals).
 */
import type { CompareOp, Expr, ListExpr, PathExpr } from './ast.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

const COMPARE_OPS = new Set<string>(['=', '!=', '>', '>=', '<', '<=']);
const VALUE_EXPECTED = 'a field, a value or a function call';

export function parseExpression(c: Cursor): Expr | null {
  if (!c.enter()) return null;
  const expr = parseOr(c);
  c.leave();
  return expr;
}

function parseOr(c: Cursor): Expr | null {
  let left = parseAnd(c);
  while (left && c.isWord('or')) {
    c.next();
    const right = parseAnd(c);
    if (!right) return left;
    left = { kind: 'or', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseAnd(c: Cursor): Expr | null {
  let left = parseUnary(c);
  while (left && c.isWord('and')) {
    c.next();
    const right = parseUnary(c);
    if (!right) return left;
    left = { kind: 'and', left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseUnary(c: Cursor): Expr | null {
  const t = c.peek();
  if ((t.kind === 'word' && t.value === 'not') || (t.kind === 'punct' && t.value === '!')) {
    c.next();
    if (!c.enter()) return null;
    const operand = parseUnary(c);
    c.leave();
    return operand ? { kind: 'not', operand, start: t.start, end: operand.end } : null;
  }
  if (t.kind === 'word' && (t.value === 'any' || t.value === 'all') && c.peek(1).kind === 'variable') {
    c.next();
    const operand = parseUnary(c);
    return operand
      ? { kind: 'quantified', quantifier: t.value, operand, start: t.start, end: operand.end }
      : null;
  }
  return parseComparison(c);
}

function parseComparison(c: Cursor): Expr | null {
  const left = parseAdditive(c);
  if (!left) return null;
  let result: Expr = left;
  if (c.is('op') && COMPARE_OPS.has(c.peek().value)) {
    const op = c.next().value as CompareOp;
    const right = parseAdditive(c);
    if (!right) return left;
    result = { kind: 'compare', op, left, right, nocase: false, start: left.start, end: right.end };
  } else if (c.isWord('in')) {
    result = parseIn(c, left) ?? left;
  }
  return withNocase(c, result);
}

/** `x in %list`, with `regex` or `cidr` between for lists of patterns or ranges. */
function parseIn(c: Cursor, operand: Expr): Expr | null {
  c.next();
  let mode: 'regex' | 'cidr' | null = null;
  if ((c.isWord('regex') || c.isWord('cidr')) && c.peek(1).kind === 'list')
    mode = c.next().value as 'regex' | 'cidr';
  const token = c.expect('list', undefined, 'a reference list (%name)');
  if (!token) return null;
  const list: ListExpr = { kind: 'list', name: token.value, start: token.start, end: token.end };
  return { kind: 'in', operand, list, mode, nocase: false, start: operand.start, end: token.end };
}

/** A trailing `nocase` makes the comparison, `in` or call before it ignore case. */
function withNocase(c: Cursor, expr: Expr): Expr {
  if (!c.isWord('nocase')) return expr;
  const token = c.next();
  if (expr.kind === 'compare' || expr.kind === 'in' || expr.kind === 'call')
    return { ...expr, nocase: true, end: token.end };
  c.report(
    'unexpected-token',
    'Unexpected "nocase", expected it after a comparison or a function call',
    token,
  );
  return expr;
}

function parseAdditive(c: Cursor): Expr | null {
  let left = parseMultiplicative(c);
  while (left && (c.isPunct('+') || c.isPunct('-'))) {
    const op = c.next().value as '+' | '-';
    const right = parseMultiplicative(c);
    if (!right) return left;
    left = { kind: 'arithmetic', op, left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseMultiplicative(c: Cursor): Expr | null {
  let left = parseNegation(c);
  while (left && (c.isPunct('*') || c.isPunct('/'))) {
    const op = c.next().value as '*' | '/';
    const right = parseNegation(c);
    if (!right) return left;
    left = { kind: 'arithmetic', op, left, right, start: left.start, end: right.end };
  }
  return left;
}

function parseNegation(c: Cursor): Expr | null {
  if (!c.isPunct('-')) return parsePrimary(c);
  const t = c.next();
  if (!c.enter()) return null;
  const operand = parseNegation(c);
  c.leave();
  if (!operand) return null;
  if (operand.kind === 'number' && operand.start === t.end)
    return { ...operand, text: `-${operand.text}`, start: t.start };
  return { kind: 'negate', operand, start: t.start, end: operand.end };
}

function parsePrimary(c: Cursor): Expr | null {
  const t = c.peek();
  switch (t.kind) {
    case 'variable':
      return parseVariable(c);
    case 'count':
      c.next();
      return { kind: 'count', name: t.value, start: t.start, end: t.end };
    case 'list':
      c.next();
      return { kind: 'list', name: t.value, start: t.start, end: t.end };
    case 'string':
      c.next();
      return { kind: 'string', value: t.value, raw: t.raw === true, start: t.start, end: t.end };
    case 'regex':
      c.next();
      return { kind: 'regex', pattern: t.value, start: t.start, end: t.end };
    case 'number':
    case 'duration':
      c.next();
      return { kind: t.kind, text: t.value, start: t.start, end: t.end };
    case 'word':
      return parseWord(c);
    case 'punct':
      if (t.value === '(') return parseParenthesized(c);
  }
  c.unexpected(VALUE_EXPECTED);
  return null;
}

function parseParenthesized(c: Cursor): Expr | null {
  const open = c.next();
  const inner = parseExpression(c);
  if (!inner) return null;
  const close = c.expect('punct', ')', '")" to close "("');
  if (!close) return inner;
  // The brackets widen the span; the node stays what it is, so lowering needs no paren case.
  return { ...inner, start: open.start, end: close.end };
}

/** `$e` alone, or `$e.a.b["k"]`: segments are any word after a dot, map keys are strings in brackets. */
function parseVariable(c: Cursor): Expr | null {
  const v = c.next();
  let end = v.end;
  let pathStart = -1;
  for (;;) {
    if (c.isPunct('.') && c.peek(1).kind === 'word' && c.peek().start === end) {
      if (pathStart === -1) pathStart = c.peek(1).start;
      c.next();
      end = c.next().end;
    } else if (c.isPunct('[') && pathStart !== -1) {
      c.next();
      const key = c.is('number') ? c.next() : c.expect('string', undefined, 'a map key string or an index');
      const close = c.expect('punct', ']', '"]" to close the map key');
      if (!key || !close) return null;
      end = close.end;
    } else break;
  }
  if (pathStart === -1) return { kind: 'variable', name: v.value, start: v.start, end };
  const path: PathExpr = {
    kind: 'path',
    variable: v.value,
    path: c.slice(pathStart, end),
    start: v.start,
    end,
  };
  return path;
}

/** A call (`max(`, `re.regex(`, `strings.to_lower(`), or a bare word used as a value. */
function parseWord(c: Cursor): Expr | null {
  const first = c.next();
  let name = first.value;
  let last: Token = first;
  while (c.isPunct('.') && c.peek(1).kind === 'word') {
    c.next();
    last = c.next();
    name += `.${last.value}`;
  }
  if (!c.isPunct('(')) {
    if (name !== first.value) c.unexpected('"(" after a function name');
    return { kind: 'word', text: name, start: first.start, end: last.end };
  }
  c.next();
  const args: Expr[] = [];
  if (!c.isPunct(')')) {
    for (;;) {
      const arg = parseExpression(c);
      if (!arg) return null;
      args.push(arg);
      if (!c.accept('punct', ',')) break;
    }
  }
  const close = c.expect('punct', ')', `")" or "," in the arguments of ${name}`);
  if (!close) return null;
  return { kind: 'call', name, args, nocase: false, start: first.start, end: close.end };
}
