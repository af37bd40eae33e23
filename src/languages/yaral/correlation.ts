/**
 * The match and condition sections over the event variables: one variable is a selection, counted per
 * match key and window when the rule has a match section or a count; several variables are a sequence
 * sharing their placeholders (`ordered` when the rule orders their event times); `$a and !$b` is a
 * left-anti join. What the model cannot hold makes the condition stage not evaluable, with the reason.
 */
import type { Predicate } from '../../model/predicate.js';
import type { Aggregation, Logic, Sequence, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { CompareExpr, Expr, MatchClause } from './ast.js';
import { durationMs } from '../kit/duration.js';
import type { EventsLowering, VariablePath } from './events.js';
import { chainOperands, predicate } from './predicates.js';
import { thresholdOf, type Threshold } from './thresholds.js';

export interface CorrelationInput {
  events: EventsLowering;
  /** Event variable → its stage. */
  variableStages: Map<string, Stage>;
  eventsStage: Stage;
  conditionStage: Stage;
  match: MatchClause | null;
  condition: Expr[];
  outcome: Expr[];
  text: string;
  locator: Locator;
}

interface ConditionParts {
  present: string[];
  absent: string[];
  thresholds: Array<{ expr: CompareExpr; threshold: Threshold }>;
}

/** The query's logic (none for a sequence or join: the events stage is then the query); sets the stages' aggregation, sequence, join or `notEvaluable`. */
export function correlate(input: CorrelationInput): Logic | undefined {
  const { conditionStage } = input;
  const parts = conditionParts(input);
  if (typeof parts === 'string') return notEvaluable(conditionStage, parts);
  const { present, absent, thresholds } = parts;
  const counted = new Set([...present, ...thresholds.map((t) => t.threshold.variable)]);
  if (counted.size === 1 && absent.length === 0) return selection([...counted][0], parts, input);
  if (thresholds.length) return notEvaluable(conditionStage, 'a count in a rule of several event variables');
  if (!input.match) return notEvaluable(conditionStage, 'several event variables without a match window');
  if (absent.length === 0) return sequence(present, input);
  if (present.length === 1 && absent.length === 1) return antiJoin(present[0], absent[0], input);
  return notEvaluable(
    conditionStage,
    'more than one event variable is absent or present next to an absent one',
  );
}

function notEvaluable(stage: Stage, reason: string): Logic {
  stage.notEvaluable = `the condition is not evaluated: ${reason}`;
  return { type: 'stage', index: stage.index };
}

function conditionParts(input: CorrelationInput): ConditionParts | string {
  const parts: ConditionParts = { present: [], absent: [], thresholds: [] };
  const conjuncts = input.condition.flatMap((s) => chainOperands(s, 'and'));
  if (conjuncts.length === 0) return 'the rule has no condition';
  for (const c of conjuncts) {
    const operand = c.kind === 'not' ? c.operand : c;
    if (operand.kind === 'variable' && input.variableStages.has(operand.name)) {
      (c.kind === 'not' ? parts.absent : parts.present).push(operand.name);
      continue;
    }
    const threshold =
      c.kind === 'compare' ? thresholdOf(c, input.events, input.outcome, input.variableStages) : null;
    if (typeof threshold === 'string') return threshold;
    if (!threshold) return `"${input.text.slice(c.start, c.end)}" is not a variable or a count`;
    parts.thresholds.push({ expr: c as CompareExpr, threshold });
  }
  if (parts.present.length === 0 && parts.thresholds.length === 0) return 'no event variable must be present';
  return parts;
}

/** The paths a match clause groups by in one variable; a string says which placeholder it does not bind. */
function groupPaths(variable: string, input: CorrelationInput): string[] | string {
  const paths: string[] = [];
  for (const name of input.match?.variables ?? []) {
    const bound = input.events.bindings.get(name)?.get(variable);
    if (bound?.kind !== 'path') return `match variable ${name} is not a field of ${variable}`;
    paths.push(bound.path);
  }
  return paths;
}

/** One variable: its events as they come, or counted per match key and window. */
function selection(variable: string, parts: ConditionParts, input: CorrelationInput): Logic {
  const { conditionStage, match } = input;
  const stage = input.variableStages.get(variable)!;
  if (!match && parts.thresholds.length === 0) return { type: 'stage', index: stage.index };
  const groupBy = groupPaths(variable, input);
  if (typeof groupBy === 'string') return notEvaluable(conditionStage, groupBy);
  const first = parts.thresholds[0]?.threshold;
  if (
    parts.thresholds.some((t) => t.threshold.function !== first.function || t.threshold.field !== first.field)
  )
    return notEvaluable(conditionStage, 'counts of different things');
  const operands = parts.thresholds.map(({ expr }) => thresholdLeaf(expr, conditionStage, input));
  const aggregation: Aggregation = {
    type: 'aggregation',
    function: first?.function ?? 'count',
    groupBy,
    threshold:
      operands.length === 0
        ? { type: 'true' }
        : operands.length === 1
          ? operands[0]
          : { type: 'and', operands },
  };
  if (first?.field) aggregation.field = first.field;
  const windowMs = durationMs(match?.window);
  if (windowMs !== undefined) aggregation.windowMs = windowMs;
  conditionStage.aggregation = aggregation;
  conditionStage.logic = { type: 'stage', index: stage.index };
  return { type: 'stage', index: conditionStage.index };
}

/** `#e > 5` as a predicate of the condition stage comparing the aggregate (`!=` under a `not`). */
function thresholdLeaf(expr: CompareExpr, stage: Stage, input: CorrelationInput): Logic {
  const left = input.text.slice(expr.left.start, expr.left.end);
  const value = input.text.slice(expr.right.start, expr.right.end);
  const op = ({ '=': 'eq', '!=': 'eq', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' } as const)[expr.op];
  const subject = { field: left, scope: '', modifiers: [], foldsCase: false };
  const p: Predicate = predicate(subject, op, value, expr.op === '!=', true, [], expr, input);
  delete p.scope;
  const leaf: Logic = { type: 'predicate', index: stage.predicates.push(p) - 1 };
  return expr.op === '!=' ? { type: 'not', operand: leaf } : leaf;
}

/** Keys each pair of variables must share: placeholders bound in both, paths equated across them. */
function sharedKeys(variables: string[], input: CorrelationInput): VariablePath[][] | string {
  const keys: VariablePath[][] = [];
  for (const [name, perVariable] of input.events.bindings) {
    const bound = variables.filter((v) => perVariable.has(v));
    if (bound.length < 2) continue;
    if (bound.length < variables.length) return `placeholder ${name} ties some event variables but not all`;
    const key: VariablePath[] = [];
    for (const v of variables) {
      const value = perVariable.get(v)!;
      if (value.kind !== 'path') return `placeholder ${name} is computed in ${v}`;
      key.push({ variable: v, path: value.path });
    }
    keys.push(key);
  }
  for (const [a, b] of input.events.joins) {
    if (variables.length !== 2) return 'fields compared across more than two event variables';
    keys.push(a.variable === variables[0] ? [a, b] : [b, a]);
  }
  return keys;
}

/** Variables in event time order when the rule orders each after the one before; null when it orders none. */
function timeOrder(variables: string[], order: Array<[string, string]>): string[] | null | string {
  const relevant = order.filter(([a, b]) => variables.includes(a) && variables.includes(b));
  if (relevant.length === 0) return null;
  const after = new Map(relevant.map(([a, b]) => [a, b]));
  const first = variables.filter((v) => !relevant.some(([, b]) => b === v));
  if (first.length !== 1) return 'event times ordered only in part';
  const chain = [first[0]];
  while (after.has(chain[chain.length - 1]) && chain.length <= variables.length)
    chain.push(after.get(chain[chain.length - 1])!);
  return chain.length === variables.length ? chain : 'event times ordered only in part';
}

function sequence(variables: string[], input: CorrelationInput): Logic | undefined {
  const { conditionStage, eventsStage } = input;
  const ordered = timeOrder(variables, input.events.order);
  if (typeof ordered === 'string') return notEvaluable(conditionStage, ordered);
  const steps = ordered ?? variables;
  const keys = sharedKeys(steps, input);
  if (typeof keys === 'string') return notEvaluable(conditionStage, keys);
  const spec: Sequence = {
    type: 'sequence',
    steps: steps.map((v) => input.variableStages.get(v)!.index),
    by: [],
    ordered: ordered !== null,
  };
  // A key on the same path in every step is a shared `by`; the others pair each step's own path.
  const same = keys.filter((key) => key.every((k) => k.path === key[0].path));
  const own = keys.filter((key) => !same.includes(key));
  spec.by = same.map((key) => key[0].path);
  if (own.length) spec.stepBy = steps.map((_, i) => own.map((key) => key[i].path));
  const windowMs = durationMs(input.match?.window);
  if (windowMs !== undefined) spec.windowMs = windowMs;
  eventsStage.sequence = spec;
  // Without a query logic the events stage, a root, is what the query is.
  return undefined;
}

/** `$a and !$b`: the events of `$a` with no event of `$b` sharing their keys within the window. */
function antiJoin(present: string, absent: string, input: CorrelationInput): Logic | undefined {
  const { conditionStage, eventsStage } = input;
  const keys = sharedKeys([present, absent], input);
  if (typeof keys === 'string') return notEvaluable(conditionStage, keys);
  eventsStage.join = {
    type: 'join',
    kind: 'leftanti',
    left: input.variableStages.get(present)!.index,
    right: input.variableStages.get(absent)!.index,
    on: keys.map(([l, r]) => ({ left: l.path, right: r.path })),
  };
  const windowMs = durationMs(input.match?.window);
  if (windowMs !== undefined) eventsStage.join.windowMs = windowMs;
  return undefined;
}
