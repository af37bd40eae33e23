/** Lowers ES|QL boolean expressions to predicates, pushing NOT through AND/OR as polarity. */
import { lookupTable } from '../../text/lookup.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import type { Locator } from '../../text/locator.js';
import type { Logic } from '../../model/stage.js';
import type { Expr, Like } from './ast.js';
import { isEmbeddedQuery, lowerEmbeddedQuery } from './embedded.js';
import { isLookback } from './lookback.js';
import { anchoredRegex, toExpression } from './model-expression.js';
import { expressionFields } from '../kit/expression-fields.js';

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
  /** A value computed from these fields (`DATE_DIFF(...)`) rather than a field. */
  derivedFrom?: string[];
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

const TRUE: Logic = { type: 'true' };

function junction(type: 'and' | 'or', parts: Logic[]): Logic {
  const operands = parts.flatMap((p) => (p.type === type ? p.operands : [p]));
  return operands.length === 1 ? operands[0] : { type, operands };
}

/**
 * The operands of a run of one `and`/`or`, left to right, gathered in a loop: a chain of thousands is one
 * junction, built in linear time and without deep recursion.
 */
function chain(expr: Expr, op: string): Expr[] {
  const out: Expr[] = [];
  const pending: Expr[] = [expr];
  while (pending.length) {
    const e = pending.pop()!;
    if (e.kind === 'binary' && e.op === op) pending.push(e.right, e.left);
    else out.push(e);
  }
  return out;
}

function not(operand: Logic): Logic {
  return operand.type === 'not' ? operand.operand : { type: 'not', operand };
}

/** A condition no predicate says (`LENGTH(x) > 5`, a comparison to a computed value): an expression leaf. */
function expressionLeaf(expr: Expr): Logic {
  return { type: 'expression', expression: toExpression(expr) };
}

/**
 * Lowers a boolean expression into the stage's predicates and terms (with their effective polarity, for display)
 * and returns its logic tree over them, read positively.
 */
export function lowerCondition(expr: Expr, negated: boolean, ctx: ConditionContext): Logic {
  switch (expr.kind) {
    case 'binary':
      if (expr.op === 'and' || expr.op === 'or')
        return junction(
          expr.op,
          chain(expr, expr.op).map((operand) => lowerCondition(operand, negated, ctx)),
        );
      if (COMPARISON_OPS[expr.op]) return comparison(expr.op, expr.left, expr.right, expr, negated, ctx);
      return expressionLeaf(expr);
    case 'not': {
      // A run of NOTs is unwrapped in a loop: thousands of them must not exhaust the stack.
      let inner: Expr = expr;
      let polarity = negated;
      for (; inner.kind === 'not'; inner = inner.operand) polarity = !polarity;
      const logic = lowerCondition(inner, polarity, ctx);
      return polarity === negated ? logic : not(logic);
    }
    case 'in':
      return inList(expr.operand, expr.list, expr, negated, ctx);
    case 'like':
    case 'rlike':
      return like(expr, negated, ctx);
    case 'isnull': {
      const found = subject(expr.operand);
      if (!found) return expressionLeaf(expr);
      const exists = push(ctx, found, 'exists', [], expr.negated ? negated : !negated, expr);
      return expr.negated ? exists : not(exists);
    }
    case 'match': {
      const found = subject(expr.operand);
      const stated = values([expr.query], ctx);
      if (!found || stated.length === 0) return expressionLeaf(expr);
      return push(ctx, { ...found, caseSensitive: false }, 'match', stated, negated, expr);
    }
    case 'call':
      return call(expr.name, expr.args, expr, negated, ctx);
    case 'literal':
      if (expr.type === 'boolean') return expr.value === 'true' ? TRUE : { type: 'false' };
      return expressionLeaf(expr);
    default:
      return expressionLeaf(expr);
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
): Logic {
  const inverted = op === '!=';
  const polarity = inverted ? !negated : negated;
  const folds = op === '=~';
  const l = subject(left);
  const r = subject(right);
  const positive = (leaf: Logic): Logic => (inverted ? not(leaf) : leaf);
  if (l && r) {
    // Equality to another field is SPEC's `fieldref`; other comparisons keep their op, against a field.
    const equality = COMPARISON_OPS[op] === 'eq';
    const leaf = push(
      ctx,
      { ...l, caseSensitive: l.caseSensitive && r.caseSensitive && !folds },
      equality ? 'fieldref' : COMPARISON_OPS[op],
      [r.field],
      polarity,
      whole,
      'field',
    );
    return equality ? positive(leaf) : expressionLeaf(whole);
  }
  const [side, other, mirrored] = l ? [l, right, false] : r ? [r, left, true] : [undefined, left, false];
  if (!side) return derivedComparison(op, left, right, whole, polarity, ctx);
  const stated = value(other, ctx);
  if (stated === undefined) return expressionLeaf(whole);
  const base = COMPARISON_OPS[op];
  const lowered = mirrored ? (MIRRORED[base] ?? base) : base;
  const leaf = push(
    ctx,
    { field: side.field, caseSensitive: side.caseSensitive && !folds },
    lowered,
    [stated],
    polarity,
    whole,
  );
  if (isLookback(side.field, lowered, other)) return TRUE;
  return other.kind === 'literal' ? positive(leaf) : expressionLeaf(whole);
}

/**
 * `DATE_DIFF("seconds", a, b) <= 300`: a predicate on a value the query derives from fields, shown with the fields
 * it reads and never an indicator; the expression leaf decides.
 */
function derivedComparison(
  op: string,
  left: Expr,
  right: Expr,
  whole: Expr,
  polarity: boolean,
  ctx: ConditionContext,
): Logic {
  const [computed, constant, mirrored] =
    right.kind === 'literal' ? [left, right, false] : [right, left, true];
  const stated = constant.kind === 'literal' ? value(constant, ctx) : undefined;
  const fields = [...expressionFields(toExpression(computed))];
  if (stated === undefined || fields.length === 0) return expressionLeaf(whole);
  const base = COMPARISON_OPS[op];
  const written = ctx.text.slice(computed.start, computed.end);
  const lowered = mirrored ? (MIRRORED[base] ?? base) : base;
  push(
    ctx,
    { field: written, caseSensitive: true, derivedFrom: fields },
    lowered,
    [stated],
    polarity,
    whole,
    'expression',
  );
  return expressionLeaf(whole);
}

function inList(
  operand: Expr,
  list: Expr[],
  whole: Expr & { negated: boolean },
  negated: boolean,
  ctx: ConditionContext,
): Logic {
  const found = subject(operand);
  const stated = values(list, ctx);
  if (!found || stated.length === 0) return expressionLeaf(whole);
  const leaf = push(ctx, found, 'eq', stated, negated !== whole.negated, whole);
  if (!list.every((item) => item.kind === 'literal')) return expressionLeaf(whole);
  return whole.negated ? not(leaf) : leaf;
}

/**
 * LIKE patterns with an unescaped `*` or `?` are globs in the model's escaping (the same as LIKE's: `\*` a star,
 * `\\` a backslash), others exact values with their escapes removed. RLIKE patterns are regexes matching the
 * whole value, as Lucene's do: anchored.
 */
function like(expr: Like, negated: boolean, ctx: ConditionContext): Logic {
  const found = subject(expr.operand);
  if (!found || !expr.patterns.every((p) => p.kind === 'literal')) return expressionLeaf(expr);
  const byOp = new Map<Op, string[]>();
  for (const pattern of values(expr.patterns, ctx)) {
    const op: Op = expr.kind === 'rlike' ? 'regex' : hasGlob(pattern) ? 'wildcard' : 'eq';
    const stated =
      op === 'regex' ? anchoredRegex(pattern) : op === 'wildcard' ? modelGlob(pattern) : unescape(pattern);
    byOp.set(op, [...(byOp.get(op) ?? []), stated]);
  }
  const polarity = negated !== expr.negated;
  const leaves = [...byOp].map(([op, list]) => push(ctx, found, op, list, polarity, expr));
  const any = junction('or', leaves);
  return expr.negated ? not(any) : any;
}

function unescape(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** A LIKE glob in the model's escaping: escaped stars, question marks and backslashes stay; others lose their `\\`. */
function modelGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const next = pattern[i + 1];
    if (pattern[i] !== '\\' || next === undefined) {
      out += pattern[i];
      continue;
    }
    out += next === '*' || next === '?' || next === '\\' ? pattern[i] + next : next;
    i++;
  }
  return out;
}

function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?') return true;
  }
  return false;
}

/** STARTS_WITH, ENDS_WITH, CIDR_MATCH, MATCH: predicates on their first argument; KQL and QSTR: embedded queries. */
function call(name: string, args: Expr[], whole: Expr, negated: boolean, ctx: ConditionContext): Logic {
  const [first] = args;
  if (isEmbeddedQuery(name) && first?.kind === 'literal' && first.type === 'string')
    return lowerEmbeddedQuery(name, first, negated, ctx);
  const op = FUNCTION_OPS[name];
  const found = op && args.length >= 2 ? subject(args[0]) : undefined;
  const rest = name === 'cidr_match' ? args.slice(1) : args.slice(1, 2);
  if (!found || !rest.every((a) => a.kind === 'literal')) return expressionLeaf(whole);
  const folded = op === 'match' ? { ...found, caseSensitive: false } : found;
  return push(ctx, folded, op, values(rest, ctx), negated, whole);
}

function push(
  ctx: ConditionContext,
  s: Subject,
  op: Op,
  stated: string[],
  negated: boolean,
  at: Expr,
  valueKind?: Predicate['valueKind'],
): Logic {
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
  const derivedFrom = s.derivedFrom ?? derivation?.fields;
  if (derivedFrom && derivedFrom.length > 0) predicate.derivedFrom = derivedFrom;
  if (valueKind) predicate.valueKind = valueKind;
  return { type: 'predicate', index: ctx.predicates.push(predicate) - 1 };
}
