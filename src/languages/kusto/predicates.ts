/** Lowers a Kusto filter expression to predicates and search terms, pushing `not` through and/or. */
import type { Op, Predicate } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import type { BetweenExpr, BinaryExpr, CallExpr, Expr, PipeExpr } from './ast.js';
import { columnsOf, isColumnLike, resolveValues, type LetEnvironment } from './lets.js';

interface OpMeaning {
  op: Op;
  caseSensitive: boolean;
  negated?: boolean;
  all?: boolean;
}

const meaning = (op: Op, caseSensitive: boolean, extra: Partial<OpMeaning> = {}): OpMeaning => ({
  op,
  caseSensitive,
  ...extra,
});

/** Each Kusto comparison's op, case sensitivity and polarity; `!` forms are the negation of the plain form. */
const OPERATORS: ReadonlyMap<string, OpMeaning> = new Map([
  ['==', meaning('eq', true)],
  ['=~', meaning('eq', false)],
  ['in', meaning('eq', true)],
  ['in~', meaning('eq', false)],
  ['<>', meaning('eq', true, { negated: true })],
  ['has', meaning('match', false)],
  ['has_cs', meaning('match', true)],
  ['contains', meaning('match', false)],
  ['contains_cs', meaning('match', true)],
  ['has_any', meaning('match', false)],
  ['has_all', meaning('match', false, { all: true })],
  ['hasprefix', meaning('starts_with', false)],
  ['hasprefix_cs', meaning('starts_with', true)],
  ['startswith', meaning('starts_with', false)],
  ['startswith_cs', meaning('starts_with', true)],
  ['hassuffix', meaning('ends_with', false)],
  ['hassuffix_cs', meaning('ends_with', true)],
  ['endswith', meaning('ends_with', false)],
  ['endswith_cs', meaning('ends_with', true)],
  ['matches regex', meaning('regex', true)],
  ['like', meaning('wildcard', false)],
  ['likecs', meaning('wildcard', true)],
  ['notlike', meaning('wildcard', false, { negated: true })],
  ['notlikecs', meaning('wildcard', true, { negated: true })],
  [':', meaning('match', false)],
  ['<', meaning('lt', false)],
  ['<=', meaning('lte', false)],
  ['>', meaning('gt', false)],
  ['>=', meaning('gte', false)],
]);

function opMeaning(op: string): OpMeaning | undefined {
  if (op === '!=') return meaning('eq', true, { negated: true });
  if (op === '!~') return meaning('eq', false, { negated: true });
  if (op.startsWith('!')) {
    const plain = OPERATORS.get(op.slice(1));
    return plain && { ...plain, negated: !plain.negated };
  }
  return OPERATORS.get(op);
}

export interface PredicateContext {
  env: LetEnvironment;
  /** The table the filtered rows come from. */
  scope?: string;
  /** Columns computed earlier in the pipeline (`extend x = tolower(y)`) and the columns they read. */
  derived: Map<string, string[]>;
  text: string;
  span(start: number, end: number): Span;
  unresolved: Set<string>;
  /** Lowers a tabular sub-expression (`in (T | project x)`) as stages under the current one. */
  subquery(expr: PipeExpr): void;
}

export interface FoundTerm {
  value: string;
  quoted: boolean;
  negated: boolean;
  start: number;
  end: number;
}

export interface Filter {
  predicates: Predicate[];
  terms: FoundTerm[];
}

export function lowerFilter(expr: Expr, ctx: PredicateContext): Filter {
  const out: Filter = { predicates: [], terms: [] };
  visit(expr, false, ctx, out);
  return out;
}

function visit(expr: Expr, negated: boolean, ctx: PredicateContext, out: Filter): void {
  if (expr.type === 'binary' && (expr.op === 'and' || expr.op === 'or')) {
    visit(expr.left, negated, ctx, out);
    visit(expr.right, negated, ctx, out);
  } else if (expr.type === 'call' && expr.name === 'not' && expr.args.length === 1) {
    visit(expr.args[0], !negated, ctx, out);
  } else if (expr.type === 'binary') {
    comparison(expr, negated, ctx, out);
  } else if (expr.type === 'between') {
    between(expr, negated, ctx, out);
  } else if (expr.type === 'call') {
    functionPredicate(expr, negated, ctx, out);
  } else if (expr.type === 'string') {
    out.terms.push({ value: expr.value, quoted: true, negated, start: expr.start, end: expr.end });
  } else if (expr.type === 'pipe') {
    ctx.subquery(expr);
  } else if (expr.type === 'name' && !ctx.env.has(expr.name)) {
    // A bare boolean column (`where IsInternetFacing`) tests that it is true.
    const field = fieldOf(expr, ctx);
    if (field) out.predicates.push(predicate(field, meaning('eq', false), ['true'], negated, ctx, expr));
  }
}

/** The field a comparison tests: as written, with the columns it derives from when it is computed. */
function fieldOf(expr: Expr, ctx: PredicateContext): Pick<Predicate, 'field' | 'derivedFrom'> | undefined {
  const columns = columnsOf(expr, ctx.env);
  if (columns.length === 0) return undefined;
  if (expr.type === 'name') {
    const derived = ctx.derived.get(expr.name);
    return derived ? { field: expr.name, derivedFrom: derived } : { field: expr.name };
  }
  const field = ctx.text.slice(expr.start, expr.end);
  return isColumnLike(expr) && expr.type === 'member' && columns.length === 1
    ? { field }
    : { field, derivedFrom: columns };
}

function predicate(
  field: Pick<Predicate, 'field' | 'derivedFrom'>,
  m: OpMeaning,
  values: string[],
  negated: boolean,
  ctx: PredicateContext,
  at: Expr,
): Predicate {
  const p: Predicate = {
    type: 'predicate',
    field: field.field,
    op: m.op,
    values,
    negated: negated !== Boolean(m.negated),
    caseSensitive: m.caseSensitive,
    all: Boolean(m.all),
    span: ctx.span(at.start, at.end),
  };
  if (ctx.scope) p.scope = ctx.scope;
  if (field.derivedFrom) p.derivedFrom = field.derivedFrom;
  return p;
}

function comparison(expr: BinaryExpr, negated: boolean, ctx: PredicateContext, out: Filter): void {
  const m = opMeaning(expr.op);
  if (!m) return;
  if (expr.left.type === 'star') {
    const values = valuesOf(expr.right, ctx) ?? [];
    for (const value of values)
      out.terms.push({
        value,
        quoted: true,
        negated: negated !== Boolean(m.negated),
        start: expr.start,
        end: expr.end,
      });
    return;
  }
  const field = fieldOf(expr.left, ctx);
  if (!field) return;
  if (
    isColumnLike(expr.right) &&
    !(expr.right.type === 'name' && ctx.env.has(expr.right.name)) &&
    !isSetOperator(expr.op)
  ) {
    const other = ctx.text.slice(expr.right.start, expr.right.end);
    // Equality to another column is SPEC's `fieldref`; other comparisons keep their op, against a field.
    const op = m.op === 'eq' ? { ...m, op: 'fieldref' as const } : m;
    const p = predicate(field, op, [other], negated, ctx, expr);
    p.valueKind = 'field';
    out.predicates.push(p);
    return;
  }
  const values = valuesOf(expr.right, ctx);
  if (!values?.length) return;
  const p = predicate(field, m, values, negated, ctx, expr);
  if (isComputed(expr.right, ctx)) p.valueKind = 'expression';
  out.predicates.push(p);
}

/** A right side computed in the query (`strcat(...)`, `LastBootTime + 5m`) rather than literal values. */
function isComputed(expr: Expr, ctx: PredicateContext): boolean {
  return (expr.type === 'call' || expr.type === 'binary') && resolveValues(expr, ctx.env) === undefined;
}

function isSetOperator(op: string): boolean {
  const plain = op.startsWith('!') ? op.slice(1) : op;
  return plain === 'in' || plain === 'in~' || plain === 'has_any' || plain === 'has_all';
}

/**
 * The values a comparison's right side stands for: literals and lets resolved; a computed value
 * (`ago(1h)`) as written; undefined for a tabular sub-query (lowered as its own stages) or a name no let defines.
 */
function valuesOf(expr: Expr, ctx: PredicateContext): string[] | undefined {
  // The parser's stand-in for a missing operand: its error is reported; no predicate.
  if (expr.type === 'literal' && expr.text === '') return undefined;
  const resolved = resolveValues(expr, ctx.env);
  if (resolved) return resolved;
  const items = expr.type === 'list' ? expr.items : [expr];
  const out: string[] = [];
  for (const item of items) {
    const values = resolveValues(item, ctx.env);
    if (values) out.push(...values);
    else if (!unresolvedItem(item, ctx, out)) return undefined;
  }
  return out;
}

/** Handles a list item with no literal value; false when the whole comparison has no values to show. */
function unresolvedItem(item: Expr, ctx: PredicateContext, out: string[]): boolean {
  if (item.type === 'pipe') {
    ctx.subquery(item);
    return false;
  }
  if (item.type === 'name') {
    if (!ctx.env.has(item.name)) ctx.unresolved.add(item.name);
    return false;
  }
  if (item.type === 'call' && item.name === 'toscalar') {
    for (const arg of item.args) if (arg.type === 'pipe') ctx.subquery(arg);
  }
  out.push(ctx.text.slice(item.start, item.end));
  return true;
}

function between(expr: BetweenExpr, negated: boolean, ctx: PredicateContext, out: Filter): void {
  const field = fieldOf(expr.operand, ctx);
  if (!field) return;
  const low = valuesOf(expr.low, ctx);
  const high = valuesOf(expr.high, ctx);
  const polarity = negated !== expr.negated;
  if (low) out.predicates.push(predicate(field, meaning('gte', false), low, polarity, ctx, expr));
  if (high) out.predicates.push(predicate(field, meaning('lte', false), high, polarity, ctx, expr));
}

/** Private IPv4 ranges, for `ipv4_is_private(f)`. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Predicate functions: `isnotempty(f)`, `ipv4_is_in_range(f, "10.0.0.0/8")`, ... */
function functionPredicate(expr: CallExpr, negated: boolean, ctx: PredicateContext, out: Filter): void {
  const name = expr.name.toLowerCase();
  const [first, ...rest] = expr.args;
  const field = first && fieldOf(first, ctx);
  if (!field) return;
  if (name === 'isnotempty' || name === 'isnotnull') {
    out.predicates.push(predicate(field, meaning('exists', false), [], negated, ctx, expr));
  } else if (name === 'isempty' || name === 'isnull') {
    out.predicates.push(predicate(field, meaning('exists', false), [], !negated, ctx, expr));
  } else if (
    name === 'ipv4_is_in_range' ||
    name === 'ipv4_is_in_any_range' ||
    name === 'ipv6_is_in_range' ||
    name === 'ipv6_is_in_any_range'
  ) {
    const values = valuesOf({ type: 'list', items: rest, start: expr.start, end: expr.end }, ctx);
    if (values) out.predicates.push(predicate(field, meaning('cidr', false), values, negated, ctx, expr));
  } else if (name === 'ipv4_is_private') {
    out.predicates.push(predicate(field, meaning('cidr', false), PRIVATE_RANGES, negated, ctx, expr));
  }
}
