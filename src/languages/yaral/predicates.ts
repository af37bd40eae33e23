/** Turns the events section's statements into predicates on UDM paths, with their effective polarity. */
import { lookupTable } from '../../text/lookup.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Locator } from '../../text/locator.js';
import type { CallExpr, CompareExpr, CompareOp, Expr, InExpr } from './ast.js';

/** What a comparison tests: a UDM path (scoped by its event variable), a placeholder, or a function of them. */
interface Subject {
  field: string;
  scope?: string;
  derivedFrom?: string[];
  modifiers: string[];
  /** Wrapped in `strings.to_lower`/`to_upper`: the comparison ignores case. */
  foldsCase: boolean;
}

interface Lowering {
  text: string;
  locator: Locator;
  /** Placeholder → the UDM paths it is bound to (`$host = $e.principal.hostname`). */
  bindings: Map<string, string[]>;
  predicates: Predicate[];
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

export function eventPredicates(statements: Expr[], text: string, locator: Locator): Predicate[] {
  const lowering: Lowering = { text, locator, bindings: new Map(), predicates: [] };
  for (const s of statements) collectBindings(s, lowering.bindings);
  for (const s of statements) lowerExpr(s, false, [], lowering);
  return lowering.predicates;
}

/** The operands of a chain of `and`/`or`, flattened without recursion: a rule may chain thousands. */
function junctionOperands(expr: Expr): Expr[] {
  const operands: Expr[] = [];
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.kind === 'and' || e.kind === 'or') pending.push(e.right, e.left);
    else operands.push(e);
  }
  return operands;
}

function collectBindings(statement: Expr, bindings: Map<string, string[]>): void {
  for (const expr of junctionOperands(statement)) {
    if (expr.kind !== 'compare' || expr.op !== '=') continue;
    const [variable, path] =
      expr.left.kind === 'variable' ? [expr.left, expr.right] : [expr.right, expr.left];
    if (variable.kind !== 'variable' || path.kind !== 'path') continue;
    const list = bindings.get(variable.name) ?? [];
    if (!list.includes(path.path)) list.push(path.path);
    bindings.set(variable.name, list);
  }
}

/** `negated` is the polarity so far: `not` flips it, `and`/`or` keep it. */
function lowerExpr(expr: Expr, negated: boolean, quantifier: string[], out: Lowering): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      for (const operand of junctionOperands(expr)) lowerExpr(operand, negated, quantifier, out);
      return;
    case 'not':
      lowerExpr(expr.operand, !negated, quantifier, out);
      return;
    case 'quantified':
      lowerExpr(expr.operand, negated, [expr.quantifier], out);
      return;
    case 'compare':
      lowerCompare(expr, negated, quantifier, out);
      return;
    case 'in':
      lowerIn(expr, negated, quantifier, out);
      return;
    case 'call':
      lowerCall(expr, negated, quantifier, out);
  }
}

function subjectOf(expr: Expr, out: Lowering): Subject | null {
  if (expr.kind === 'path')
    return { field: expr.path, scope: expr.variable, modifiers: [], foldsCase: false };
  if (expr.kind === 'variable') {
    const bound = out.bindings.get(expr.name);
    return { field: expr.name, derivedFrom: bound ? [...bound] : undefined, modifiers: [], foldsCase: false };
  }
  if (expr.kind !== 'call') return null;
  if (CASE_FOLDING.has(expr.name) && expr.args.length === 1) {
    const inner = subjectOf(expr.args[0], out);
    return inner && { ...inner, modifiers: [...inner.modifiers, expr.name], foldsCase: true };
  }
  const paths = pathsIn(expr);
  if (paths.length === 0) return null;
  return {
    field: out.text.slice(expr.start, expr.end),
    scope: paths[0].variable,
    derivedFrom: [...new Set(paths.map((p) => p.path))],
    modifiers: [],
    foldsCase: false,
  };
}

function pathsIn(expr: Expr): { variable: string; path: string }[] {
  if (expr.kind === 'path') return [expr];
  if (expr.kind === 'call') return expr.args.flatMap(pathsIn);
  if (expr.kind === 'arithmetic') return [...pathsIn(expr.left), ...pathsIn(expr.right)];
  return [];
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

function lowerCompare(expr: CompareExpr, negated: boolean, quantifier: string[], out: Lowering): void {
  let { left, right, op } = expr;
  // The field side is the UDM path or function of one; a placeholder goes to the value side when it can.
  if (
    subjectOf(left, out) === null ||
    (left.kind === 'variable' && right.kind !== 'variable' && subjectOf(right, out) !== null)
  ) {
    [left, right, op] = [right, left, FLIPPED[op]];
  }
  const subject = subjectOf(left, out);
  if (!subject) return;
  const polarity = negated !== (op === '!=');
  if (
    BOOLEAN_CALLS[left.kind === 'call' ? left.name : ''] &&
    right.kind === 'word' &&
    (right.text === 'true' || right.text === 'false')
  ) {
    lowerCall(left as CallExpr, polarity !== (right.text === 'false'), quantifier, out);
    return;
  }
  if (subjectOf(right, out)) {
    const modifiers = op === '=' || op === '!=' ? quantifier : [...quantifier, COMPARE[op]];
    out.predicates.push(
      predicate(
        subject,
        'fieldref',
        out.text.slice(right.start, right.end),
        polarity,
        !expr.nocase,
        modifiers,
        expr,
        out,
      ),
    );
    return;
  }
  const value = literalOf(right);
  if (value === null) return;
  const regex = right.kind === 'regex' && (op === '=' || op === '!=');
  const caseSensitive = !expr.nocase && !subject.foldsCase && !(regex && INLINE_NOCASE.test(value));
  out.predicates.push(
    predicate(subject, regex ? 'regex' : COMPARE[op], value, polarity, caseSensitive, quantifier, expr, out),
  );
}

/** `x in %list` compares with each entry of a reference list; the value is the list's name as written. */
function lowerIn(expr: InExpr, negated: boolean, quantifier: string[], out: Lowering): void {
  const subject = subjectOf(expr.operand, out);
  if (!subject) return;
  const op: Op = expr.mode === 'regex' ? 'regex' : expr.mode === 'cidr' ? 'cidr' : 'eq';
  const caseSensitive = !expr.nocase && !subject.foldsCase;
  const p = predicate(subject, op, expr.list.name, negated, caseSensitive, quantifier, expr, out);
  // The value names a list kept outside the rule: a membership, not a literal anyone else looks for.
  p.valueKind = 'list';
  out.predicates.push(p);
}

/** `re.regex(f, p)`, `net.ip_in_range_cidr(f, r)`, `strings.contains(f, s)` and kin used as conditions. */
function lowerCall(expr: CallExpr, negated: boolean, quantifier: string[], out: Lowering): void {
  const op = BOOLEAN_CALLS[expr.name];
  if (!op || expr.args.length < 2) return;
  const subject = subjectOf(expr.args[0], out);
  const value = literalOf(expr.args[1]);
  if (!subject || value === null) return;
  const caseSensitive = !expr.nocase && !subject.foldsCase && !(op === 'regex' && INLINE_NOCASE.test(value));
  out.predicates.push(predicate(subject, op, value, negated, caseSensitive, quantifier, expr, out));
}

function predicate(
  subject: Subject,
  op: Op,
  value: string,
  negated: boolean,
  caseSensitive: boolean,
  qualifiers: string[],
  at: Expr,
  out: Lowering,
): Predicate {
  const p: Predicate = {
    type: 'predicate',
    field: subject.field,
    op,
    values: [value],
    negated,
    caseSensitive,
    all: false,
    span: out.locator.span(at.start, at.end),
  };
  if (subject.scope) p.scope = subject.scope;
  if (subject.derivedFrom) p.derivedFrom = subject.derivedFrom;
  const modifiers = [...qualifiers, ...subject.modifiers];
  if (modifiers.length) p.modifiers = modifiers;
  return p;
}
