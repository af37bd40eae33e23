/**
 * A Kusto filter (`where`, `search`) as the stage's logic tree over its predicates and terms: `and`/`or`/`not`
 * node for node, comparisons as predicates where a model op says them, as expressions where none does.
 */
import type { Predicate } from '../../model/predicate.js';
import type { Expression, Logic } from '../../model/stage.js';
import type { BetweenExpr, BinaryExpr, CallExpr, Expr } from './ast.js';
import { toExpression } from './expression.js';
import { isColumnLike, resolveValues } from './lets.js';
import { lookbackMs } from './lookback.js';
import {
  fieldOf,
  isComputed,
  isSetOperator,
  meaning,
  opMeaning,
  predicate,
  PRIVATE_RANGES,
  valuesOf,
  type OpMeaning,
  type PredicateContext,
} from './predicates.js';

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
  logic: Logic;
  /** Why the filter cannot be decided on one event (membership in a sub-query's rows, an unknown name). */
  notEvaluable?: string;
  /** The time the filter looks back over (`Timestamp > ago(1h)`), in milliseconds, when it says one. */
  lookbackMs?: number;
}

type Field = Pick<Predicate, 'field' | 'derivedFrom'>;

/** Conversions that keep the column they read as the subject of a comparison; `tolower`/`toupper` fold case. */
const UNWRAPPED = new Set(['tolower', 'toupper', 'tostring', 'trim']);
const FOLDS = new Set(['tolower', 'toupper']);

const TRUE: Logic = { type: 'true' };

export function lowerFilter(expr: Expr, ctx: PredicateContext): Filter {
  const out: Filter = { predicates: [], terms: [], logic: TRUE };
  out.logic = visit(expr, false, ctx, out);
  return out;
}

function junction(type: 'and' | 'or', parts: Logic[]): Logic {
  const operands = parts.flatMap((p) => (p.type === type ? p.operands : [p]));
  return { type, operands };
}

/**
 * The operands of a chain of one operator (`a or b or c` parses as `(a or b) or c`), left to right: visited
 * once each and joined once, where joining at every level copied the growing list (quadratic in the chain).
 */
function chainOperands(expr: Expr, op: 'and' | 'or'): Expr[] {
  const operands: Expr[] = [];
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.type === 'binary' && e.op === op) pending.push(e.right, e.left);
    else operands.push(e);
  }
  return operands;
}

function push(out: Filter, p: Predicate, m: OpMeaning): Logic {
  const leaf: Logic = { type: 'predicate', index: out.predicates.push(p) - 1 };
  return m.negated ? { type: 'not', operand: leaf } : leaf;
}

function expression(expr: Expr, ctx: PredicateContext): Logic {
  return { type: 'expression', expression: toExpression(expr, ctx.env, ctx.text) };
}

function notEvaluable(out: Filter, reason: string): Logic {
  out.notEvaluable ??= reason;
  return TRUE;
}

function visit(expr: Expr, negated: boolean, ctx: PredicateContext, out: Filter): Logic {
  if (expr.type === 'binary' && (expr.op === 'and' || expr.op === 'or'))
    return junction(
      expr.op,
      chainOperands(expr, expr.op).map((operand) => visit(operand, negated, ctx, out)),
    );
  if (expr.type === 'call' && expr.name === 'not' && expr.args.length === 1)
    return { type: 'not', operand: visit(expr.args[0], !negated, ctx, out) };
  switch (expr.type) {
    case 'binary':
      return comparison(expr, negated, ctx, out);
    case 'between':
      return between(expr, negated, ctx, out);
    case 'call':
      return functionPredicate(expr, negated, ctx, out);
    case 'string':
      out.terms.push({ value: expr.value, quoted: true, negated, start: expr.start, end: expr.end });
      return { type: 'term', index: out.terms.length - 1 };
    case 'pipe':
      ctx.subquery(expr);
      return notEvaluable(out, 'the filter is a sub-query over other rows');
    case 'literal':
      return expr.text === 'false' ? { type: 'false' } : expr.text === 'true' ? TRUE : expression(expr, ctx);
    case 'name': {
      if (ctx.env.has(expr.name)) return expression(expr, ctx);
      // A bare boolean column (`where IsInternetFacing`) tests that it is true.
      const field = fieldOf(expr, ctx);
      const m = meaning('eq', false);
      return field ? push(out, predicate(field, m, ['true'], negated, ctx, expr), m) : expression(expr, ctx);
    }
    default:
      return expression(expr, ctx);
  }
}

/** The column a comparison tests: a column, or one seen through `tolower`, `tostring`, ... (folding case or not). */
function subjectOf(expr: Expr, ctx: PredicateContext): { field: Field; folds: boolean } | undefined {
  if (expr.type === 'call' && UNWRAPPED.has(expr.name.toLowerCase()) && expr.args.length === 1) {
    const inner = subjectOf(expr.args[0], ctx);
    return inner && { field: inner.field, folds: inner.folds || FOLDS.has(expr.name.toLowerCase()) };
  }
  if (!isColumnLike(expr) || (expr.type === 'name' && ctx.env.has(expr.name))) return undefined;
  const field = fieldOf(expr, ctx);
  return field && { field, folds: false };
}

function comparison(expr: BinaryExpr, negated: boolean, ctx: PredicateContext, out: Filter): Logic {
  const m = opMeaning(expr.op);
  if (!m) return expression(expr, ctx);
  if (expr.left.type === 'star') return starTerms(expr, m, negated, ctx, out);
  const subject = subjectOf(expr.left, ctx);
  const lookback = subject && lookbackMs(subject.field.field, m.op, expr.right, ctx.env);
  if (lookback !== undefined) {
    if (lookback > 0) out.lookbackMs = Math.max(out.lookbackMs ?? 0, lookback);
    return TRUE;
  }
  const shown = subject?.field ?? fieldOf(expr.left, ctx);
  const folded = subject?.folds ? { ...m, caseSensitive: false } : m;
  if (isColumnLike(expr.right) && !isSetOperator(expr.op) && !isLet(expr.right, ctx)) {
    // Equality to another column is SPEC's `fieldref`; other comparisons keep their op, against a field.
    const op = m.op === 'eq' ? { ...folded, op: 'fieldref' as const } : folded;
    if (!shown) return expression(expr, ctx);
    const p = predicate(shown, op, [ctx.text.slice(expr.right.start, expr.right.end)], negated, ctx, expr);
    p.valueKind = 'field';
    const leaf = push(out, p, op);
    return subject && op.op === 'fieldref' ? leaf : expression(expr, ctx);
  }
  const values = valuesOf(expr.right, ctx);
  const missing = values === undefined && missingValues(expr.right, ctx);
  if (missing) return notEvaluable(out, missing);
  if (!values?.length || !shown) return values?.length === 0 ? { type: 'false' } : expression(expr, ctx);
  const p = predicate(shown, folded, values, negated, ctx, expr);
  const computed = isComputed(expr.right, ctx);
  if (computed) p.valueKind = 'expression';
  const leaf = push(out, p, folded);
  return subject && !computed ? leaf : expression(expr, ctx);
}

function isLet(expr: Expr, ctx: PredicateContext): boolean {
  return expr.type === 'name' && ctx.env.has(expr.name);
}

/** Why a right side has no values: the rows of a sub-query or a tabular let, or a name nothing defines. */
function missingValues(expr: Expr, ctx: PredicateContext): string | undefined {
  const items = expr.type === 'list' ? expr.items : [expr];
  for (const item of items) {
    if (item.type === 'pipe') return 'a comparison reads the rows of a sub-query';
    if (item.type !== 'name' || resolveValues(item, ctx.env)) continue;
    const bound = ctx.env.get(item.name);
    if (!bound) return `a comparison reads ${item.name}, which the query does not define`;
    if (bound.notEvaluable) return bound.notEvaluable;
    return `a comparison reads the rows of ${item.name}`;
  }
  return undefined;
}

/** `* has "x"`: the value searched in every column, as raw-text terms. */
function starTerms(
  expr: BinaryExpr,
  m: OpMeaning,
  negated: boolean,
  ctx: PredicateContext,
  out: Filter,
): Logic {
  const values = valuesOf(expr.right, ctx) ?? [];
  const leaves: Logic[] = values.map((value) => {
    out.terms.push({
      value,
      quoted: true,
      negated: negated !== Boolean(m.negated),
      start: expr.start,
      end: expr.end,
    });
    return { type: 'term', index: out.terms.length - 1 };
  });
  const any: Logic = leaves.length === 1 ? leaves[0] : junction(m.all ? 'and' : 'or', leaves);
  return m.negated ? { type: 'not', operand: any } : any;
}

function between(expr: BetweenExpr, negated: boolean, ctx: PredicateContext, out: Filter): Logic {
  const subject = subjectOf(expr.operand, ctx);
  if (subject && lookbackMs(subject.field.field, 'gte', expr.low, ctx.env) !== undefined) return TRUE;
  const low = valuesOf(expr.low, ctx);
  const high = valuesOf(expr.high, ctx);
  if (!subject || !low?.length || !high?.length || isComputed(expr.low, ctx) || isComputed(expr.high, ctx))
    return expression(expr, ctx);
  const polarity = negated !== expr.negated;
  const gte = push(
    out,
    predicate(subject.field, meaning('gte', false), low, polarity, ctx, expr),
    meaning('gte', false),
  );
  const lte = push(
    out,
    predicate(subject.field, meaning('lte', false), high, polarity, ctx, expr),
    meaning('lte', false),
  );
  const inside = junction('and', [gte, lte]);
  return expr.negated ? { type: 'not', operand: inside } : inside;
}

const emptyText = (field: Field): Logic => ({
  type: 'expression',
  expression: {
    type: 'call',
    name: '==',
    args: [
      { type: 'field', name: field.field ?? '' },
      { type: 'literal', value: '' },
    ],
  } satisfies Expression,
});

/** Predicate functions: `isnotempty(f)`, `ipv4_is_in_range(f, "10.0.0.0/8")`, ...; any other call is an expression. */
function functionPredicate(expr: CallExpr, negated: boolean, ctx: PredicateContext, out: Filter): Logic {
  const name = expr.name.toLowerCase();
  const [first, ...rest] = expr.args;
  const subject = first && subjectOf(first, ctx);
  if (!subject) return expression(expr, ctx);
  const exists = meaning('exists', false);
  const field = subject.field;
  switch (name) {
    case 'isnotempty':
    case 'isnotnull': {
      const leaf = push(out, predicate(field, exists, [], negated, ctx, expr), exists);
      return name === 'isnotnull'
        ? leaf
        : junction('and', [leaf, { type: 'not', operand: emptyText(field) }]);
    }
    case 'isempty':
    case 'isnull': {
      const absent: Logic = {
        type: 'not',
        operand: push(out, predicate(field, exists, [], !negated, ctx, expr), exists),
      };
      return name === 'isnull' ? absent : junction('or', [absent, emptyText(field)]);
    }
    case 'ipv4_is_in_range':
    case 'ipv4_is_in_any_range':
    case 'ipv6_is_in_range':
    case 'ipv6_is_in_any_range': {
      const values = valuesOf({ type: 'list', items: rest, start: expr.start, end: expr.end }, ctx);
      if (!values?.length) return expression(expr, ctx);
      return push(
        out,
        predicate(field, meaning('cidr', false), values, negated, ctx, expr),
        meaning('cidr', false),
      );
    }
    case 'ipv4_is_private':
      return push(
        out,
        predicate(field, meaning('cidr', false), PRIVATE_RANGES, negated, ctx, expr),
        meaning('cidr', false),
      );
    default:
      return expression(expr, ctx);
  }
}
