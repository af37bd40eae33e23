/** Lowers EQL conditions to predicates: operators to the shared op vocabulary, `not` and `!=` to polarity. */
import { lookupTable } from '../../text/lookup.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Locator } from '../../text/locator.js';
import type { CallExpr, CompareExpr, Expr, InExpr, MatchExpr, RelationExpr } from './ast.js';

export interface PredicateSink {
  readonly legacy: boolean;
  readonly locator: Locator;
  /** The query text, for the written form of computed subjects (`length(process.command_line)`). */
  readonly text: string;
  add(predicate: Predicate): void;
  /** A legacy `descendant of [...]` becomes a sub-stage of the stage being lowered. */
  relation(expr: RelationExpr, negated: boolean): void;
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
  // The original engine's regular-expression functions.
  match: 'regex',
  matchlite: 'regex',
});

export function lowerCondition(expr: Expr, negated: boolean, sink: PredicateSink): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      for (const operand of expr.operands) lowerCondition(operand, negated, sink);
      return;
    case 'not':
      return lowerCondition(expr.operand, !negated, sink);
    case 'compare':
      return lowerCompare(expr, negated, sink);
    case 'match':
      return lowerMatch(expr, negated, sink);
    case 'in':
      return lowerIn(expr, negated, sink);
    case 'call':
      return lowerCall(expr, negated, sink);
    case 'field':
      // A bare field is a truth test (`subtype.create`, `process.interactive`).
      return emit(sink, expr, { field: expr.name }, 'eq', ['true'], negated, false);
    case 'relation':
      return sink.relation(expr, negated);
  }
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

function emit(
  sink: PredicateSink,
  at: Expr,
  subject: Subject,
  op: Op,
  values: string[],
  negated: boolean,
  caseSensitive: boolean,
): void {
  const predicate: Predicate = {
    type: 'predicate',
    field: subject.field,
    op,
    values,
    negated,
    caseSensitive,
    all: false,
    span: sink.locator.span(at.start, at.end),
  };
  if (subject.derivedFrom) predicate.derivedFrom = subject.derivedFrom;
  sink.add(predicate);
}

function lowerCompare(expr: CompareExpr, negated: boolean, sink: PredicateSink): void {
  let { left, right, op } = expr;
  if (!subjectOf(left, sink.text) && subjectOf(right, sink.text)) {
    [left, right] = [right, left];
    op = FLIPPED[op] ?? op;
  }
  const subject = subjectOf(left, sink.text);
  if (!subject) return;
  const equality = op === '==' || op === '=' || op === '!=';
  const polarity = op === '!=' ? !negated : negated;
  if (equality && right.kind === 'null') return emit(sink, expr, subject, 'exists', [], !polarity, false);
  if (equality && right.kind === 'field')
    return emit(sink, expr, subject, 'fieldref', [right.name], polarity, !sink.legacy);
  const value = constantValue(right);
  if (value === undefined) return;
  if (!equality) return emit(sink, expr, subject, RANGE_OPS[op], [value], negated, false);
  // The original EQL engine compared strings without case and read `*` in `==` as a wildcard.
  if (sink.legacy && right.kind === 'string' && value.includes('*'))
    return emit(sink, expr, subject, 'wildcard', [value], polarity, false);
  // Case only matters for strings; numbers and booleans match the same either way.
  emit(sink, expr, subject, 'eq', [value], polarity, !sink.legacy && right.kind === 'string');
}

/** `:` is case-insensitive equality, or a wildcard match for values with `*` or `?`; a mixed list gives one of each. */
function lowerMatch(expr: MatchExpr, negated: boolean, sink: PredicateSink): void {
  const subject = subjectOf(expr.left, sink.text);
  if (!subject) return;
  const values = expr.values.map(constantValue).filter((v): v is string => v !== undefined);
  if (values.length === 0) return;
  const insensitive = expr.op.endsWith('~') || expr.op === ':' || sink.legacy;
  if (expr.op.startsWith('regex')) return emit(sink, expr, subject, 'regex', values, negated, !insensitive);
  if (expr.op.startsWith('like')) return emit(sink, expr, subject, 'wildcard', values, negated, !insensitive);
  const plain = values.filter((v) => !WILDCARD.test(v));
  const patterns = values.filter((v) => WILDCARD.test(v));
  if (plain.length) emit(sink, expr, subject, 'eq', plain, negated, false);
  if (patterns.length) emit(sink, expr, subject, 'wildcard', patterns, negated, false);
}

function lowerIn(expr: InExpr, negated: boolean, sink: PredicateSink): void {
  const subject = subjectOf(expr.left, sink.text);
  if (!subject) return;
  const values = expr.values.map(constantValue).filter((v): v is string => v !== undefined);
  if (values.length === 0) return;
  const strings = expr.values.some((v) => v.kind === 'string');
  emit(
    sink,
    expr,
    subject,
    'eq',
    values,
    expr.negated ? !negated : negated,
    strings && !expr.insensitive && !sink.legacy,
  );
}

/** String functions used as conditions; other functions (`between`, `length`) say nothing on their own. */
function lowerCall(expr: CallExpr, negated: boolean, sink: PredicateSink): void {
  const insensitive = expr.name.endsWith('~') || sink.legacy;
  const op =
    STRING_FUNCTIONS[
      (insensitive && expr.name.endsWith('~') ? expr.name.slice(0, -1) : expr.name).toLowerCase()
    ];
  if (!op || expr.args.length < 2) return;
  const subject = subjectOf(expr.args[0], sink.text);
  if (!subject) return;
  const values = expr.args
    .slice(1)
    .map(constantValue)
    .filter((v): v is string => v !== undefined);
  if (values.length === 0) return;
  // `wildcard()` comes from the original engine, where every string comparison ignored case.
  emit(sink, expr, subject, op, values, negated, op !== 'cidr' && op !== 'wildcard' && !insensitive);
}
