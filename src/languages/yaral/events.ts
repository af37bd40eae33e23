/**
 * The events section split by event variable: each variable's statements as its own logic tree, placeholders
 * as the paths they bind in each variable, and what ties variables together (shared placeholders, paths
 * compared across variables, event time order).
 */
import type { Logic } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { Expr, PathExpr } from './ast.js';
import { chainOperands, statementLogic, subjectOf, type VariableLowering } from './predicates.js';

export interface EventVariable extends VariableLowering {
  logic: Logic;
}

/** A path of one event variable. */
export interface VariablePath {
  variable: string;
  path: string;
}

export interface EventsLowering {
  /** In order of first use. */
  variables: EventVariable[];
  /** Placeholder → what it is bound to, per event variable (`$host = $e.principal.hostname`). */
  bindings: Map<string, Map<string, Expr>>;
  /** Paths equated across two variables (`$a.principal.ip = $b.principal.ip`). */
  joins: Array<[VariablePath, VariablePath]>;
  /** `$a.metadata.event_timestamp.seconds < $b.…`: `$a` comes first. */
  order: Array<[string, string]>;
  /** Statements that tie variables in a way the model does not hold. */
  problems: string[];
}

const TIME_PATHS = new Set(['metadata.event_timestamp.seconds', 'metadata.event_timestamp']);

/** Event variables a statement reads through paths. */
function pathsIn(expr: Expr, into: PathExpr[] = []): PathExpr[] {
  const pending: Expr[] = [expr];
  while (pending.length) {
    const e = pending.pop()!;
    switch (e.kind) {
      case 'path':
        into.push(e);
        break;
      case 'call':
        pending.push(...e.args);
        break;
      case 'compare':
      case 'arithmetic':
      case 'and':
      case 'or':
        pending.push(e.left, e.right);
        break;
      case 'not':
      case 'negate':
      case 'quantified':
        pending.push(e.operand);
        break;
      case 'in':
        pending.push(e.operand);
    }
  }
  return into;
}

function placeholdersIn(expr: Expr): string[] {
  const names: string[] = [];
  const pending: Expr[] = [expr];
  while (pending.length) {
    const e = pending.pop()!;
    if (e.kind === 'variable') names.push(e.name);
    else if (e.kind === 'call') pending.push(...e.args);
    else if (e.kind === 'compare' || e.kind === 'arithmetic' || e.kind === 'and' || e.kind === 'or')
      pending.push(e.left, e.right);
    else if (e.kind === 'not' || e.kind === 'negate' || e.kind === 'quantified' || e.kind === 'in')
      pending.push(e.operand);
  }
  return names;
}

/** `$ph = <expression over one variable's paths>`, either way round: the placeholder and what it binds. */
function bindingOf(expr: Expr): { placeholder: string; variable: string; value: Expr } | undefined {
  if (expr.kind !== 'compare' || expr.op !== '=') return undefined;
  const [ph, value] = expr.left.kind === 'variable' ? [expr.left, expr.right] : [expr.right, expr.left];
  if (ph.kind !== 'variable') return undefined;
  const variables = new Set(pathsIn(value).map((p) => p.variable));
  if (variables.size !== 1 || placeholdersIn(value).length) return undefined;
  return { placeholder: ph.name, variable: [...variables][0], value };
}

function sameText(a: Expr, b: Expr, text: string): boolean {
  return text.slice(a.start, a.end).replace(/\s+/g, '') === text.slice(b.start, b.end).replace(/\s+/g, '');
}

export function lowerEvents(statements: Expr[], text: string, locator: Locator): EventsLowering {
  const conjuncts = statements.flatMap((s) => chainOperands(s, 'and'));
  const out: EventsLowering = { variables: [], bindings: new Map(), joins: [], order: [], problems: [] };
  const byName = new Map<string, EventVariable>();
  const variable = (name: string): EventVariable => {
    let v = byName.get(name);
    if (!v) {
      v = { name, predicates: [], problems: [], logic: { type: 'true' } };
      byName.set(name, v);
      out.variables.push(v);
    }
    return v;
  };
  const operands = new Map<EventVariable, Logic[]>();
  const add = (v: EventVariable, logic: Logic): void => {
    operands.set(v, [...(operands.get(v) ?? []), logic]);
  };
  const rest: Expr[] = [];
  for (const c of conjuncts) {
    for (const p of pathsIn(c)) variable(p.variable);
    const binding = bindingOf(c);
    if (!binding) {
      rest.push(c);
      continue;
    }
    const perVariable = out.bindings.get(binding.placeholder) ?? new Map<string, Expr>();
    out.bindings.set(binding.placeholder, perVariable);
    const earlier = perVariable.get(binding.variable);
    // A placeholder bound twice in one variable says its two values are equal: a comparison to keep, unless
    // both bind the same path (`$e.x = $p` and `$p = $e.x`), which compares nothing.
    if (earlier && sameText(earlier, binding.value, text)) continue;
    if (earlier)
      rest.push({ ...c, kind: 'compare', op: '=', left: earlier, right: binding.value, nocase: false });
    else perVariable.set(binding.variable, binding.value);
  }
  for (const c of rest) {
    const variables = [...new Set(pathsIn(c).map((p) => p.variable))];
    const target =
      variables.length === 1
        ? variables[0]
        : variables.length === 0
          ? placeholdersIn(c)
              .map((name) => out.bindings.get(name)?.keys().next().value)
              .find((v) => v !== undefined)
          : undefined;
    if (target !== undefined) {
      const v = variable(target);
      const placeholder = (name: string): Expr | undefined => out.bindings.get(name)?.get(target);
      add(v, statementLogic(c, false, [], { text, locator, placeholder, variable: v }));
    } else if (variables.length === 2) crossVariable(c, out, text);
    else
      out.problems.push(`"${text.slice(c.start, c.end)}" reads ${variables.length || 'no'} event variables`);
  }
  for (const v of out.variables) {
    const list = operands.get(v) ?? [];
    v.logic = list.length === 1 ? list[0] : list.length ? { type: 'and', operands: list } : { type: 'true' };
  }
  return out;
}

/** A statement over two variables: a join on equal paths, or their order in event time. */
function crossVariable(expr: Expr, out: EventsLowering, text: string): void {
  if (expr.kind === 'compare') {
    const [a, b] = [subjectOf(expr.left), subjectOf(expr.right)];
    const plain = a && b && a.modifiers.length === 0 && b.modifiers.length === 0;
    if (plain && expr.op === '=' && !expr.nocase) {
      out.joins.push([
        { variable: a.scope, path: a.field },
        { variable: b.scope, path: b.field },
      ]);
      return;
    }
    if (plain && TIME_PATHS.has(a.field) && TIME_PATHS.has(b.field) && expr.op !== '=' && expr.op !== '!=') {
      const earlier = expr.op === '<' || expr.op === '<=';
      out.order.push(earlier ? [a.scope, b.scope] : [b.scope, a.scope]);
      return;
    }
  }
  out.problems.push(`"${text.slice(expr.start, expr.end)}" compares two event variables`);
}
