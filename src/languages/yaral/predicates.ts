/**
 * One event variable's statements as a logic tree: comparisons on UDM paths become predicates (read positively,
 * `not` nodes carry polarity, `negated` keeps the effective polarity for display); what a predicate cannot say
 * becomes an expression leaf.
 */
import { lookupTable } from '../../text/lookup.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Logic } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { CallExpr, CompareExpr, CompareOp, Expr, InExpr } from './ast.js';
import { modelExpression } from './computed.js';
import { re2ToJavaScript } from './regex.js';

/** What one event variable's lowering gathers. */
export interface VariableLowering {
  name: string;
  predicates: Predicate[];
  /** Why parts of the variable's statements have no evaluable form. */
  problems: string[];
}

export interface LeafContext {
  text: string;
  locator: Locator;
  /** A placeholder's value for this variable: a path of it, or a call over its paths; undefined when unbound. */
  placeholder: (name: string) => Expr | undefined;
  variable: VariableLowering;
}

/** What a comparison tests: a UDM path, possibly folded to one case. */
interface Subject {
  field: string;
  scope: string;
  modifiers: string[];
  /** Wrapped in `strings.to_lower`/`to_upper`: the comparison ignores case. */
  foldsCase: boolean;
}

const CASE_FOLDING = new Set(['strings.to_lower', 'strings.to_upper', 'strings.lower', 'strings.upper']);
const BOOLEAN_CALLS: Readonly<Record<string, Op>> = lookupTable({
  're.regex': 'regex',
  'net.ip_in_range_cidr': 'cidr',
  'strings.contains': 'match',
  'strings.starts_with': 'starts_with',
  'strings.ends_with': 'ends_with',
});
const COMPARE: Record<CompareOp, Op> = {
  '=': 'eq',
  '!=': 'eq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
};
const FLIPPED: Record<CompareOp, CompareOp> = {
  '=': '=',
  '!=': '!=',
  '>': '<',
  '>=': '<=',
  '<': '>',
  '<=': '>=',
};
/** An inline `(?i)` flag makes a pattern ignore case whatever the call says. */
const INLINE_NOCASE = /^\(\?[a-z]*i[a-z]*\)/;

/** The operands of a chain of one junction (`a or b or c`), flattened without recursion: a rule may chain thousands. */
export function chainOperands(expr: Expr, kind: 'and' | 'or'): Expr[] {
  const operands: Expr[] = [];
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.kind === kind) pending.push(e.right, e.left);
    else operands.push(e);
  }
  return operands;
}

/** The tree of a statement; `negated` is the polarity so far (for the predicates' display), `not` flips it. */
export function statementLogic(expr: Expr, negated: boolean, quantifier: string[], ctx: LeafContext): Logic {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return {
        type: expr.kind,
        operands: chainOperands(expr, expr.kind).map((o) => statementLogic(o, negated, quantifier, ctx)),
      };
    case 'not':
      return { type: 'not', operand: statementLogic(expr.operand, !negated, quantifier, ctx) };
    case 'quantified':
      return statementLogic(expr.operand, negated, [expr.quantifier], ctx);
    case 'compare':
      return compareLogic(expr, negated, quantifier, ctx);
    case 'in':
      return inLogic(expr, negated, quantifier, ctx);
    case 'call':
      return callLogic(expr, negated, quantifier, ctx) ?? expressionLeaf(expr, ctx);
    default:
      return expressionLeaf(expr, ctx);
  }
}

/** A leaf the model's predicates cannot say, as a computed boolean; `false` with a problem when it has no form. */
function expressionLeaf(expr: Expr, ctx: LeafContext): Logic {
  const expression = modelExpression(expr, ctx.placeholder);
  if (typeof expression !== 'string') return { type: 'expression', expression };
  ctx.variable.problems.push(expression);
  return { type: 'false' };
}

/** A bare placeholder stands for what it is bound to in this variable. */
function resolved(expr: Expr, ctx: LeafContext): Expr {
  return expr.kind === 'variable' ? (ctx.placeholder(expr.name) ?? expr) : expr;
}

function subjectOf(expr: Expr): Subject | null {
  if (expr.kind === 'path')
    return { field: expr.path, scope: expr.variable, modifiers: [], foldsCase: false };
  if (expr.kind !== 'call' || !CASE_FOLDING.has(expr.name) || expr.args.length !== 1) return null;
  const inner = subjectOf(expr.args[0]);
  return inner && { ...inner, modifiers: [...inner.modifiers, expr.name], foldsCase: true };
}

/** A literal's value as written, unescaped; null for anything that is not a literal. */
function literalOf(expr: Expr): string | null {
  switch (expr.kind) {
    case 'string':
      return expr.value;
    case 'regex':
      return expr.pattern;
    case 'number':
    case 'duration':
    case 'word':
      return expr.text;
    default:
      return null;
  }
}

function compareLogic(expr: CompareExpr, negated: boolean, quantifier: string[], ctx: LeafContext): Logic {
  let [left, right, op] = [resolved(expr.left, ctx), resolved(expr.right, ctx), expr.op];
  if (subjectOf(left) === null && subjectOf(right) !== null) [left, right, op] = [right, left, FLIPPED[op]];
  const subject = subjectOf(left);
  const positive = op !== '!=';
  const wrap = (leaf: Logic): Logic => (positive ? leaf : { type: 'not', operand: leaf });
  const polarity = negated !== !positive;
  const boolCall = left.kind === 'call' && BOOLEAN_CALLS[left.name] !== undefined;
  if (boolCall && right.kind === 'word' && (right.text === 'true' || right.text === 'false')) {
    const asTrue = right.text === 'true';
    const leaf = callLogic(left as CallExpr, polarity !== !asTrue, quantifier, ctx);
    if (leaf) return positive === asTrue ? leaf : { type: 'not', operand: leaf };
  }
  if (!subject || misquantified(quantifier, positive))
    return expressionLeaf({ ...expr, left, right, op }, ctx);
  const other = subjectOf(right);
  if (other) {
    if (op !== '=' && op !== '!=') return expressionLeaf({ ...expr, left, right, op }, ctx);
    const p = predicate(subject, 'fieldref', other.field, polarity, !expr.nocase, quantifier, expr, ctx);
    p.valueKind = 'field';
    return wrap(leaf(p, ctx));
  }
  const value = literalOf(right);
  if (value === null) return expressionLeaf({ ...expr, left, right, op }, ctx);
  if (value === '' && right.kind === 'string' && (op === '=' || op === '!=')) {
    // UDM reads an absent field as its zero value: `= ""` holds when the field is missing.
    const p = predicate(subject, 'exists', null, !polarity, true, quantifier, expr, ctx);
    return positive ? { type: 'not', operand: leaf(p, ctx) } : leaf(p, ctx);
  }
  const regex = right.kind === 'regex' && (op === '=' || op === '!=');
  const pattern = regex ? javaScriptPattern(value, ctx) : value;
  if (pattern === null) return { type: 'false' };
  const caseSensitive = !expr.nocase && !subject.foldsCase && !(regex && INLINE_NOCASE.test(value));
  const p = predicate(
    subject,
    regex ? 'regex' : COMPARE[op],
    pattern,
    polarity,
    caseSensitive,
    quantifier,
    expr,
    ctx,
  );
  return wrap(leaf(p, ctx));
}

/**
 * `all $e.f != v` is "no value is v", as the engine reads a negated predicate; `any $e.f != v` and
 * `all $e.f = v` ask something of each value that a predicate cannot say.
 */
function misquantified(quantifier: string[], positive: boolean): boolean {
  return (quantifier[0] === 'all' && positive) || (quantifier[0] === 'any' && !positive);
}

function javaScriptPattern(pattern: string, ctx: LeafContext): string | null {
  const translated = re2ToJavaScript(pattern);
  if ('pattern' in translated) return translated.pattern;
  ctx.variable.problems.push(translated.unsupported);
  return null;
}

/** `x in %list` compares with each entry of a reference list, whose entries the rule does not hold. */
function inLogic(expr: InExpr, negated: boolean, quantifier: string[], ctx: LeafContext): Logic {
  const subject = subjectOf(resolved(expr.operand, ctx));
  ctx.variable.problems.push(`reference list ${expr.list.name} has no values here`);
  if (!subject) return { type: 'false' };
  const op: Op = expr.mode === 'regex' ? 'regex' : expr.mode === 'cidr' ? 'cidr' : 'eq';
  const caseSensitive = !expr.nocase && !subject.foldsCase;
  const p = predicate(subject, op, expr.list.name, negated, caseSensitive, quantifier, expr, ctx);
  // The value names a list kept outside the rule: a membership, not a literal anyone else looks for.
  p.valueKind = 'list';
  return leaf(p, ctx);
}

/** `re.regex(f, p)`, `net.ip_in_range_cidr(f, r)`, `strings.contains(f, s)` and kin used as conditions. */
function callLogic(expr: CallExpr, negated: boolean, quantifier: string[], ctx: LeafContext): Logic | null {
  const op = BOOLEAN_CALLS[expr.name];
  if (!op || expr.args.length !== 2 || misquantified(quantifier, true)) return null;
  const subject = subjectOf(resolved(expr.args[0], ctx));
  const value = literalOf(expr.args[1]);
  if (!subject || value === null) return null;
  const pattern = op === 'regex' ? javaScriptPattern(value, ctx) : value;
  if (pattern === null) return { type: 'false' };
  const caseSensitive = !expr.nocase && !subject.foldsCase && !(op === 'regex' && INLINE_NOCASE.test(value));
  return leaf(predicate(subject, op, pattern, negated, caseSensitive, quantifier, expr, ctx), ctx);
}

function leaf(p: Predicate, ctx: LeafContext): Logic {
  return { type: 'predicate', index: ctx.variable.predicates.push(p) - 1 };
}

/** A predicate on the subject's path; `value` null for `exists`. */
export function predicate(
  subject: Subject,
  op: Op,
  value: string | null,
  negated: boolean,
  caseSensitive: boolean,
  qualifiers: string[],
  at: Expr,
  ctx: Pick<LeafContext, 'locator'>,
): Predicate {
  const p: Predicate = {
    type: 'predicate',
    field: subject.field,
    op,
    values: value === null ? [] : [value],
    negated,
    caseSensitive,
    all: false,
    span: ctx.locator.span(at.start, at.end),
    scope: subject.scope,
  };
  const modifiers = [...qualifiers, ...subject.modifiers];
  if (modifiers.length) p.modifiers = modifiers;
  return p;
}

export { subjectOf };
