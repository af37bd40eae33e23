/** Operator arguments shared by most Kusto operators: `name=value` options and comma lists with keywords between. */
import type { Expr, Operator } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpr, skipType } from './expressions.js';
import type { OperatorSpec } from './operators.js';

/** The option name at the cursor (`kind`, `hint.strategy`) when an `=` follows it, else undefined. */
function optionAhead(c: Cursor, spec: OperatorSpec): { name: string; length: number } | undefined {
  const t = c.peek();
  if (t.kind !== 'name') return undefined;
  const word = t.text.toLowerCase();
  if (word === 'hint' && c.isAhead(1, '.') && c.peek(2).kind === 'name' && c.isAhead(3, '=')) {
    return { name: `hint.${c.peek(2).text}`, length: 3 };
  }
  if (spec.options?.has(word) && c.isAhead(1, '=')) return { name: word, length: 1 };
  return undefined;
}

/** Options before (and, for `make-series`, among) the arguments: `kind=leftouter hint.remote=auto`. */
export function parseOptions(c: Cursor, op: Operator, spec: OperatorSpec): void {
  for (let option = optionAhead(c, spec); option; option = optionAhead(c, spec)) {
    for (let i = 0; i < option.length; i++) c.next();
    c.next();
    op.options[option.name] = parseOptionValue(c);
  }
}

function parseOptionValue(c: Cursor): string {
  const t = c.peek();
  if (t.kind === 'name' || t.kind === 'number' || t.kind === 'literal' || t.kind === 'string') {
    c.next();
    return t.kind === 'string' ? t.value : t.text;
  }
  if (t.kind === 'op' && (t.text === '-' || t.text === '(' || t.text === '[')) {
    // A default like `default=-1` or `default=dynamic([])`: an expression, kept as written.
    const value = parseExpr(c);
    return c.text.slice(value.start, value.end);
  }
  c.fail('an option value');
  return '';
}

function isKeyword(c: Cursor, spec: OperatorSpec): boolean {
  const t = c.peek();
  return (
    t.kind === 'name' &&
    spec.keywords !== undefined &&
    spec.keywords.has(t.text.toLowerCase()) &&
    !c.isAhead(1, '=')
  );
}

/**
 * A comma list of items (`x`, `x = expr`, `(a, b) = expr`) with the operator's keywords between
 * groups (`summarize ... by ...`, `top 10 by x desc`); stops at `|`, a closer, or `stop`.
 */
export function parseListArguments(c: Cursor, op: Operator, spec: OperatorSpec, stop?: string): void {
  parseOptions(c, op, spec);
  while (!c.atBoundary && !(stop && c.is(stop))) {
    if (isKeyword(c, spec)) {
      const word = c.next().text.toLowerCase();
      if (word === 'with' && c.is('(')) c.skipGroup();
      c.accept(',');
      continue;
    }
    if (optionAhead(c, spec)) {
      parseOptions(c, op, spec);
      continue;
    }
    op.args.push(parseItem(c));
    // `evaluate pivot(...) : (schema)` declares the plugin's output columns.
    if (c.accept(':')) skipType(c);
    if (c.accept(',') || c.atBoundary || isKeyword(c, spec) || optionAhead(c, spec) || (stop && c.is(stop)))
      continue;
    c.fail('"," or "|"');
    return;
  }
}

/** One list item: an expression, or an assignment of one or several names. */
function parseItem(c: Cursor): Expr {
  const start = c.peek().start;
  if (c.peek().kind === 'name' && c.isAhead(1, '=')) {
    const name = c.next().text;
    c.next();
    const value = parseExpr(c);
    return { type: 'assign', names: [name], value, start, end: value.end };
  }
  if (c.is('[') && c.peek(1).kind === 'string' && c.isAhead(2, ']') && c.isAhead(3, '=')) {
    const name = c.peek(1).value;
    for (let i = 0; i < 4; i++) c.next();
    const value = parseExpr(c);
    return { type: 'assign', names: [name], value, start, end: value.end };
  }
  const expr = parseExpr(c);
  if (!c.is('=')) return expr;
  c.next();
  const value = parseExpr(c);
  const names = expr.type === 'list' ? expr.items.map(nameOf) : [nameOf(expr)];
  return { type: 'assign', names, value, start, end: value.end };
}

function nameOf(expr: Expr): string {
  return expr.type === 'name' ? expr.name : '';
}
