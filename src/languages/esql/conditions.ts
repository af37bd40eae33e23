/** Lowers ES|QL boolean expressions to predicates, pushing NOT through AND/OR as polarity. */
import { lookupTable } from '../../text/lookup.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import type { Locator } from '../../text/locator.js';
import type { Expr, Like } from './ast.js';
import { isEmbeddedQuery, lowerEmbeddedQuery } from './embedded.js';

/** A field computed earlier in the pipeline: the source fields it reads, and whether it folds case. */
export interface Derivation {
  fields: string[];
  caseInsensitive: boolean;
}

export interface ConditionContext {
  text: string;
  locator: Locator;
  derived: Map<string, Derivation>;
  /** The stage being lowered: its index, predicates and terms, and diagnostics of queries embedded in it. */
  stage: number;
  predicates: Predicate[];
  terms: SearchTerm[];
  diagnostics: Diagnostic[];
}

interface Subject {
  field: string;
  caseSensitive: boolean;
}

const COMPARISON_OPS: Readonly<Record<string, Op>> = lookupTable({
  '==': 'eq',
  '!=': 'eq',
  '=~': 'eq',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
});
/** The same comparison read from the other side: `5 < x` is `x > 5`. */
const MIRRORED: Partial<Record<Op, Op>> = { lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };
const CASE_FOLDS = new Set(['to_lower', 'to_upper']);
/** Type conversions keep the field they convert as the subject of a comparison. */
const CONVERSIONS = new Set(
  'to_string to_str to_integer to_int to_long to_double to_dbl to_ip to_version to_boolean to_bool to_datetime to_dt to_unsigned_long to_ul'.split(
    ' ',
  ),
);
const FUNCTION_OPS: Readonly<Record<string, Op>> = lookupTable({
  starts_with: 'starts_with',
  ends_with: 'ends_with',
  cidr_match: 'cidr',
  match: 'match',
  match_phrase: 'match',
});

export function lowerCondition(expr: Expr, negated: boolean, ctx: ConditionContext): void {
  switch (expr.kind) {
    case 'binary':
      if (expr.op === 'and' || expr.op === 'or') {
        lowerCondition(expr.left, negated, ctx);
        lowerCondition(expr.right, negated, ctx);
      } else if (COMPARISON_OPS[expr.op]) comparison(expr.op, expr.left, expr.right, expr, negated, ctx);
      return;
    case 'not': {
      // A run of NOTs is unwrapped in a loop: thousands of them must not exhaust the stack.
      let inner: Expr = expr;
      let polarity = negated;
      for (; inner.kind === 'not'; inner = inner.operand) polarity = !polarity;
      return lowerCondition(inner, polarity, ctx);
    }
    case 'in':
      return inList(expr.operand, expr.list, expr, negated !== expr.negated, ctx);
    case 'like':
    case 'rlike':
      return like(expr, negated !== expr.negated, ctx);
    case 'isnull':
      return withSubject(expr.operand, ctx, (s) =>
        push(ctx, s, 'exists', [], expr.negated ? negated : !negated, expr),
      );
    case 'match':
      return withSubject(expr.operand, ctx, (s) =>
        push(ctx, { ...s, caseSensitive: false }, 'match', values([expr.query], ctx), negated, expr),
      );
    case 'call':
      return call(expr.name, expr.args, expr, negated, ctx);
  }
}

/** The field an expression tests: a field, a cast or converted field, or `TO_LOWER(field)` / `TO_UPPER(field)` (case folded). */
function subject(expr: Expr): Subject | undefined {
  if (expr.kind === 'field' && expr.name !== '*') return { field: expr.name, caseSensitive: true };
  if (expr.kind === 'cast') return subject(expr.operand);
  if (expr.kind === 'call' && CONVERSIONS.has(expr.name) && expr.args.length === 1)
    return subject(expr.args[0]);
  if (expr.kind === 'call' && CASE_FOLDS.has(expr.name) && expr.args.length === 1) {
    const inner = subject(expr.args[0]);
    return inner && { field: inner.field, caseSensitive: false };
  }
  return undefined;
}

function withSubject(expr: Expr, ctx: ConditionContext, lower: (subject: Subject) => void): void {
  const found = subject(expr);
  if (found) lower(found);
}

/** A value as the rule states it: strings unescaped, other expressions (`now() - 7 day`) as written. */
function value(expr: Expr, ctx: ConditionContext): string | undefined {
  if (expr.kind === 'literal') return expr.type === 'missing' ? undefined : expr.value;
  if (subject(expr)) return undefined;
  return ctx.text.slice(expr.start, expr.end);
}

function values(exprs: Expr[], ctx: ConditionContext): string[] {
  return exprs.map((e) => value(e, ctx)).filter((v): v is string => v !== undefined);
}

function comparison(
  op: string,
  left: Expr,
  right: Expr,
  whole: Expr,
  negated: boolean,
  ctx: ConditionContext,
): void {
  const polarity = op === '!=' ? !negated : negated;
  const folds = op === '=~';
  const l = subject(left);
  const r = subject(right);
  if (l && r) return push(ctx, l, 'fieldref', [r.field], polarity, whole);
  const [side, other, mirrored] = l ? [l, right, false] : r ? [r, left, true] : [undefined, left, false];
  const stated = side && value(other, ctx);
  if (!side || stated === undefined) return;
  const base = COMPARISON_OPS[op];
  const lowered = mirrored ? (MIRRORED[base] ?? base) : base;
  push(
    ctx,
    { field: side.field, caseSensitive: side.caseSensitive && !folds },
    lowered,
    [stated],
    polarity,
    whole,
  );
}

function inList(operand: Expr, list: Expr[], whole: Expr, negated: boolean, ctx: ConditionContext): void {
  const found = subject(operand);
  const stated = values(list, ctx);
  if (found && stated.length > 0) push(ctx, found, 'eq', stated, negated, whole);
}

/**
 * LIKE patterns with an unescaped `*` or `?` are globs, others exact values; either way the pattern's escapes are
 * removed, as the other languages' wildcard values are (`C:\\Windows\\*` in the pattern is `C:\Windows\*`).
 * RLIKE patterns are regexes, kept as written.
 */
function like(expr: Like, negated: boolean, ctx: ConditionContext): void {
  const found = subject(expr.operand);
  if (!found) return;
  const byOp = new Map<Op, string[]>();
  for (const pattern of values(expr.patterns, ctx)) {
    const op: Op = expr.kind === 'rlike' ? 'regex' : hasGlob(pattern) ? 'wildcard' : 'eq';
    const stated = op === 'regex' ? pattern : pattern.replace(/\\(.)/g, '$1');
    byOp.set(op, [...(byOp.get(op) ?? []), stated]);
  }
  for (const [op, list] of byOp) push(ctx, found, op, list, negated, expr);
}

function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') return true;
  }
  return false;
}

/** STARTS_WITH, ENDS_WITH, CIDR_MATCH, MATCH: predicates on their first argument; KQL and QSTR: embedded queries. */
function call(name: string, args: Expr[], whole: Expr, negated: boolean, ctx: ConditionContext): void {
  const [first] = args;
  if (isEmbeddedQuery(name) && first?.kind === 'literal' && first.type === 'string')
    return lowerEmbeddedQuery(name, first, negated, ctx);
  const op = FUNCTION_OPS[name];
  const found = op && args.length >= 2 ? subject(args[0]) : undefined;
  if (!found) return;
  const rest = name === 'cidr_match' ? args.slice(1) : args.slice(1, 2);
  const folded = op === 'match' ? { ...found, caseSensitive: false } : found;
  push(ctx, folded, op, values(rest, ctx), negated, whole);
}

function push(ctx: ConditionContext, s: Subject, op: Op, stated: string[], negated: boolean, at: Expr): void {
  const derivation = ctx.derived.get(s.field);
  const predicate: Predicate = {
    type: 'predicate',
    field: s.field,
    op,
    values: stated,
    negated,
    caseSensitive: op !== 'exists' && s.caseSensitive && !derivation?.caseInsensitive,
    all: false,
    span: ctx.locator.span(at.start, at.end),
  };
  if (derivation && derivation.fields.length > 0) predicate.derivedFrom = derivation.fields;
  ctx.predicates.push(predicate);
}
