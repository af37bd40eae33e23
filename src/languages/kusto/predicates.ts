/** Kusto comparisons as model predicates: each operator's op, case sensitivity and polarity, fields and values. */
import type { Op, Predicate } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import type { Expr, PipeExpr } from './ast.js';
import { columnPath, columnsOf, isColumnLike, resolveValues, type LetEnvironment } from './lets.js';

export interface OpMeaning {
  op: Op;
  caseSensitive: boolean;
  negated?: boolean;
  all?: boolean;
  /** `term`: the value matches whole terms of the text (`has`), or their start or end (`hasprefix`, `hassuffix`). */
  modifiers?: string[];
}

export const meaning = (op: Op, caseSensitive: boolean, extra: Partial<OpMeaning> = {}): OpMeaning => ({
  op,
  caseSensitive,
  ...extra,
});

const TERM: Partial<OpMeaning> = { modifiers: ['term'] };

/** Each Kusto comparison's op, case sensitivity and polarity; `!` forms are the negation of the plain form. */
const OPERATORS: ReadonlyMap<string, OpMeaning> = new Map([
  ['==', meaning('eq', true)],
  ['=~', meaning('eq', false)],
  ['in', meaning('eq', true)],
  ['in~', meaning('eq', false)],
  ['<>', meaning('eq', true, { negated: true })],
  ['has', meaning('match', false, TERM)],
  ['has_cs', meaning('match', true, TERM)],
  ['contains', meaning('match', false)],
  ['contains_cs', meaning('match', true)],
  ['has_any', meaning('match', false, TERM)],
  ['has_all', meaning('match', false, { all: true, ...TERM })],
  ['hasprefix', meaning('starts_with', false, TERM)],
  ['hasprefix_cs', meaning('starts_with', true, TERM)],
  ['startswith', meaning('starts_with', false)],
  ['startswith_cs', meaning('starts_with', true)],
  ['hassuffix', meaning('ends_with', false, TERM)],
  ['hassuffix_cs', meaning('ends_with', true, TERM)],
  ['endswith', meaning('ends_with', false)],
  ['endswith_cs', meaning('ends_with', true)],
  ['matches regex', meaning('regex', true)],
  ['like', meaning('wildcard', false)],
  ['likecs', meaning('wildcard', true)],
  ['notlike', meaning('wildcard', false, { negated: true })],
  ['notlikecs', meaning('wildcard', true, { negated: true })],
  [':', meaning('match', false, TERM)],
  ['<', meaning('lt', false)],
  ['<=', meaning('lte', false)],
  ['>', meaning('gt', false)],
  ['>=', meaning('gte', false)],
]);

export function opMeaning(op: string): OpMeaning | undefined {
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

/** The field a comparison tests: as written, with the columns it derives from when it is computed. */
export function fieldOf(
  expr: Expr,
  ctx: PredicateContext,
): Pick<Predicate, 'field' | 'derivedFrom'> | undefined {
  const columns = columnsOf(expr, ctx.env);
  if (columns.length === 0) return undefined;
  if (expr.type === 'name') {
    const derived = ctx.derived.get(expr.name);
    return derived ? { field: expr.name, derivedFrom: derived } : { field: expr.name };
  }
  if (isColumnLike(expr)) return { field: columnPath(expr)! };
  return { field: ctx.text.slice(expr.start, expr.end), derivedFrom: columns };
}

export function predicate(
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
  if (m.modifiers) p.modifiers = m.modifiers;
  return p;
}

/** A right side computed in the query (`strcat(...)`, `LastBootTime + 5m`) rather than literal values. */
export function isComputed(expr: Expr, ctx: PredicateContext): boolean {
  return (expr.type === 'call' || expr.type === 'binary') && resolveValues(expr, ctx.env) === undefined;
}

export function isSetOperator(op: string): boolean {
  const plain = op.startsWith('!') ? op.slice(1) : op;
  return plain === 'in' || plain === 'in~' || plain === 'has_any' || plain === 'has_all';
}

/**
 * The values a comparison's right side stands for: literals and lets resolved; a computed value
 * (`ago(1h)`) as written; undefined for a tabular sub-query (lowered as its own stages) or a name no let defines.
 */
export function valuesOf(expr: Expr, ctx: PredicateContext): string[] | undefined {
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

/** Private IPv4 ranges, for `ipv4_is_private(f)`. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
