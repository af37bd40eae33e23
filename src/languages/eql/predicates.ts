/**
 * Lowers EQL conditions to predicates and the stage's logic tree: operators on a field and constants become
 * predicates of the shared op vocabulary, and/or/not the tree; anything else (computed subjects, field against
 * field ranges, functions without a predicate form) an `expression` leaf.
 */
import { lookupTable } from '../../text/lookup.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Logic } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import { wildcardGlob } from '../kit/glob.js';
import { ecsFieldType } from '../../knowledge/fields/index.js';
import type { CallExpr, CompareExpr, Expr, InExpr, MatchExpr, RelationExpr } from './ast.js';
import { anchoredRegex, type ExpressionLowering } from './model-expression.js';

export interface PredicateSink {
  readonly legacy: boolean;
  readonly locator: Locator;
  /** The query text, for the written form of computed subjects (`length(process.command_line)`). */
  readonly text: string;
  readonly expressions: ExpressionLowering;
  /** Adds a predicate to the stage being lowered; returns its leaf in the stage's tree. */
  add(predicate: Predicate): Logic;
  /** A legacy `descendant of [...]` becomes a sub-stage of the stage being lowered; returns its leaf. */
  relation(expr: RelationExpr, negated: boolean): Logic;
}

/** What a predicate is about: a field, or a computed value with the fields it derives from. */
interface Subject {
  field: string;
  derivedFrom?: string[];
}

const WILDCARD = /[*?]/;
const FLIPPED: Readonly<Record<string, CompareExpr['op']>> = lookupTable({
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
});
const RANGE_OPS: Readonly<Record<string, Op>> = lookupTable({
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
});
const STRING_FUNCTIONS: Readonly<Record<string, Op>> = lookupTable({
  wildcard: 'wildcard',
  cidrmatch: 'cidr',
  startswith: 'starts_with',
  endswith: 'ends_with',
  stringcontains: 'match',
  arraycontains: 'eq',
  // The original engine's regular-expression functions.
  match: 'regex',
  matchlite: 'regex',
});

function junction(type: 'and' | 'or', operands: Logic[]): Logic {
  return operands.length === 1 ? operands[0] : { type, operands };
}

function not(operand: Logic): Logic {
  return { type: 'not', operand };
}

/**
 * The tree of `expr`. `negated` is the polarity so far, kept on each predicate for display; the tree reads
 * predicates positively and carries every `not` itself.
 */
export function lowerCondition(expr: Expr, negated: boolean, sink: PredicateSink): Logic {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return junction(
        expr.kind,
        expr.operands.map((o) => lowerCondition(o, negated, sink)),
      );
    case 'not':
      return not(lowerCondition(expr.operand, !negated, sink));
    case 'compare':
      return predicateOrExpression(expr, lowerCompare(expr, negated, sink), sink);
    case 'match':
      return predicateOrExpression(expr, lowerMatch(expr, negated, sink), sink);
    case 'in':
      return predicateOrExpression(expr, lowerIn(expr, negated, sink), sink);
    case 'call':
      return predicateOrExpression(expr, lowerCall(expr, negated, sink), sink);
    case 'field':
      // A bare field is a truth test (`subtype.create`, `process.interactive`).
      return emit(sink, expr, { field: expr.name }, 'eq', ['true'], negated, false);
    case 'boolean':
      return { type: expr.value ? 'true' : 'false' };
    case 'relation':
      return sink.relation(expr, negated);
    default:
      return asExpression(expr, sink);
  }
}

/**
 * A predicate on a computed subject (`length(x) > 3`) stays in the stage for display and indicators, while the
 * tree evaluates the expression it came from; a condition with no predicate form is an expression too.
 */
function predicateOrExpression(expr: Expr, lowered: Lowered | undefined, sink: PredicateSink): Logic {
  return lowered && !lowered.computed ? lowered.logic : asExpression(expr, sink);
}

interface Lowered {
  logic: Logic;
  computed: boolean;
}

function asExpression(expr: Expr, sink: PredicateSink): Logic {
  return { type: 'expression', expression: sink.expressions.expression(expr) };
}

function subjectOf(expr: Expr, text: string): Subject | null {
  if (expr.kind === 'field') return { field: expr.name };
  if (expr.kind !== 'call' && expr.kind !== 'arithmetic') return null;
  const fields: string[] = [];
  collectFields(expr, fields);
  return { field: text.slice(expr.start, expr.end), derivedFrom: [...new Set(fields)] };
}

function collectFields(expr: Expr, into: string[]): void {
  if (expr.kind === 'field') into.push(expr.name);
  else if (expr.kind === 'call') for (const a of expr.args) collectFields(a, into);
  else if (expr.kind === 'arithmetic') {
    if (expr.left) collectFields(expr.left, into);
    collectFields(expr.right, into);
  }
}

/** A constant as a string value; `undefined` for anything else (fields, calls, null). */
function constantValue(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'string':
      return expr.value;
    case 'number':
      return expr.text;
    case 'boolean':
      return String(expr.value);
  }
  return undefined;
}

/** Every value a constant, or undefined. */
function constants(exprs: Expr[]): string[] | undefined {
  const values = exprs.map(constantValue);
  return values.length > 0 && values.every((v) => v !== undefined) ? (values as string[]) : undefined;
}

/** The predicate, in the stage and as its leaf; under `negated` polarity the leaf sits in a `not`. */
function emit(
  sink: PredicateSink,
  at: Expr,
  subject: Subject,
  op: Op,
  values: string[],
  negated: boolean,
  caseSensitive: boolean,
  valueKind?: Predicate['valueKind'],
): Logic {
  const predicate: Predicate = {
    type: 'predicate',
    field: subject.field,
    op,
    values,
    negated,
    // A case-folding keyword (`process.name.caseless`) matches without case whatever the operator.
    caseSensitive: caseSensitive && ecsFieldType(subject.field) !== 'caseless',
    all: false,
    span: sink.locator.span(at.start, at.end),
  };
  if (subject.derivedFrom) predicate.derivedFrom = subject.derivedFrom;
  if (valueKind) predicate.valueKind = valueKind;
  return sink.add(predicate);
}

function lowerCompare(expr: CompareExpr, negated: boolean, sink: PredicateSink): Lowered | undefined {
  let { left, right, op } = expr;
  if (!subjectOf(left, sink.text) && subjectOf(right, sink.text)) {
    [left, right] = [right, left];
    op = FLIPPED[op] ?? op;
  }
  const subject = subjectOf(left, sink.text);
  if (!subject) return undefined;
  if (right.kind === 'field' && RANGE_OPS[op]) {
    // A range against another field keeps its op, with the field as the value; the expression decides.
    emit(sink, expr, subject, RANGE_OPS[op], [right.name], negated, false, 'field');
    return { logic: asExpression(expr, sink), computed: true };
  }
  const logic = comparePredicate(expr, subject, left, right, op, negated, sink);
  return logic && { logic, computed: subject.derivedFrom !== undefined };
}

function comparePredicate(
  expr: CompareExpr,
  subject: Subject,
  left: Expr,
  right: Expr,
  op: CompareExpr['op'],
  negated: boolean,
  sink: PredicateSink,
): Logic | undefined {
  const equality = op === '==' || op === '=' || op === '!=';
  const inverse = op === '!=';
  const polarity = inverse ? !negated : negated;
  const leaf = (l: Logic): Logic => (inverse ? not(l) : l);
  // `x == null` holds where the field is missing: a `not exists` leaf.
  if (equality && right.kind === 'null')
    return inverse
      ? emit(sink, expr, subject, 'exists', [], negated, false)
      : not(emit(sink, expr, subject, 'exists', [], !negated, false));
  if (equality && right.kind === 'field')
    return leaf(emit(sink, expr, subject, 'fieldref', [right.name], polarity, !sink.legacy, 'field'));
  const value = constantValue(right);
  if (value === undefined) return undefined;
  if (!equality) return emit(sink, expr, subject, RANGE_OPS[op], [value], negated, false);
  // The original EQL engine compared strings without case and read `*` in `==` as a wildcard.
  if (sink.legacy && right.kind === 'string' && value.includes('*'))
    return leaf(emit(sink, expr, subject, 'wildcard', [wildcardGlob(value)], polarity, false));
  // Case only matters for strings; numbers and booleans match the same either way.
  return leaf(emit(sink, expr, subject, 'eq', [value], polarity, !sink.legacy && right.kind === 'string'));
}

/**
 * `:` is case-insensitive equality, or a wildcard match for values with `*` or `?`: a mixed list gives one of
 * each under an `or`. `like` takes wildcards and `regex` regular expressions, case-sensitive without `~`.
 */
function lowerMatch(expr: MatchExpr, negated: boolean, sink: PredicateSink): Lowered | undefined {
  const subject = subjectOf(expr.left, sink.text);
  const values = constants(expr.values);
  if (!subject || !values) return undefined;
  return { logic: matchPredicates(expr, subject, values, negated, sink), computed: !!subject.derivedFrom };
}

function matchPredicates(
  expr: MatchExpr,
  subject: Subject,
  values: string[],
  negated: boolean,
  sink: PredicateSink,
): Logic {
  const insensitive = expr.op.endsWith('~') || expr.op === ':' || sink.legacy;
  if (expr.op.startsWith('regex'))
    return emit(
      sink,
      expr,
      subject,
      'regex',
      values.map((v) => (sink.legacy ? v : anchoredRegex(v))),
      negated,
      !insensitive,
    );
  if (expr.op.startsWith('like'))
    return emit(sink, expr, subject, 'wildcard', values.map(wildcardGlob), negated, !insensitive);
  const plain = values.filter((v) => !WILDCARD.test(v));
  const patterns = values.filter((v) => WILDCARD.test(v)).map(wildcardGlob);
  const leaves: Logic[] = [];
  if (plain.length) leaves.push(emit(sink, expr, subject, 'eq', plain, negated, false));
  if (patterns.length) leaves.push(emit(sink, expr, subject, 'wildcard', patterns, negated, false));
  return junction('or', leaves);
}

function lowerIn(expr: InExpr, negated: boolean, sink: PredicateSink): Lowered | undefined {
  const subject = subjectOf(expr.left, sink.text);
  const values = constants(expr.values);
  if (!subject || !values) return undefined;
  const strings = expr.values.some((v) => v.kind === 'string');
  const leaf = emit(
    sink,
    expr,
    subject,
    'eq',
    values,
    expr.negated ? !negated : negated,
    strings && !expr.insensitive && !sink.legacy,
  );
  return { logic: expr.negated ? not(leaf) : leaf, computed: !!subject.derivedFrom };
}

/** String functions on a field and constants are predicates; other calls are expressions. */
function lowerCall(expr: CallExpr, negated: boolean, sink: PredicateSink): Lowered | undefined {
  const tilde = expr.name.endsWith('~');
  const name = (tilde ? expr.name.slice(0, -1) : expr.name).toLowerCase();
  const op = STRING_FUNCTIONS[name];
  if (!op || expr.args.length < 2) return undefined;
  const subject = subjectOf(expr.args[0], sink.text);
  const values = constants(expr.args.slice(1));
  if (!subject || !values) return undefined;
  // `wildcard()` comes from the original engine, where every string comparison ignored case.
  const caseSensitive = op !== 'cidr' && op !== 'wildcard' && !tilde && !sink.legacy;
  const written = op === 'wildcard' ? values.map(wildcardGlob) : values;
  const logic = emit(sink, expr, subject, op, written, negated, caseSensitive);
  return { logic, computed: !!subject.derivedFrom };
}
