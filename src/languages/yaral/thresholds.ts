/** What a comparison in the condition counts: `#e` (events), `#placeholder` (its distinct values), an outcome aggregate. */
import { lookupTable } from '../../text/lookup.js';
import type { Stage } from '../../model/stage.js';
import type { CompareExpr, Expr } from './ast.js';
import type { EventsLowering } from './events.js';

/** An aggregate of one event variable's events, as the model's `Aggregation.function` and `field`. */
export interface Threshold {
  variable: string;
  function: string;
  field?: string;
}

/** Outcome aggregates over a path, and the model's function for each (`count` with a field counts distinct values). */
const OUTCOME_FUNCTIONS: Readonly<Record<string, { function: string; field: boolean }>> = lookupTable({
  count_distinct: { function: 'count', field: true },
  count: { function: 'event_count', field: false },
  sum: { function: 'sum', field: true },
  max: { function: 'max', field: true },
  min: { function: 'min', field: true },
  avg: { function: 'avg', field: true },
});

/**
 * The aggregate a condition comparison reads (`#e > 5`, `$dc_users > 3`); null when the comparison is not on a
 * count or an outcome with a number; a sentence when it is, but in a form the model does not hold.
 */
export function thresholdOf(
  expr: CompareExpr,
  events: EventsLowering,
  outcome: Expr[],
  variableStages: Map<string, Stage>,
): Threshold | string | null {
  if (expr.right.kind !== 'number') return null;
  const left = expr.left;
  if (left.kind === 'count') {
    const variable = `$${left.name.slice(1)}`;
    if (variableStages.has(variable)) return { variable, function: 'count' };
    const bound = [...(events.bindings.get(variable)?.entries() ?? [])];
    if (bound.length !== 1 || bound[0][1].kind !== 'path')
      return `${left.name} counts a placeholder not bound to one field`;
    return { variable: bound[0][0], function: 'count', field: bound[0][1].path };
  }
  if (left.kind !== 'variable') return null;
  const value = outcomeValue(left.name, outcome);
  if (!value) return `${left.name} is not an outcome variable`;
  const fn = value.kind === 'call' ? OUTCOME_FUNCTIONS[value.name] : undefined;
  const arg = value.kind === 'call' ? value.args[0] : undefined;
  if (!fn || value.kind !== 'call' || value.args.length !== 1 || arg?.kind !== 'path')
    return `outcome ${left.name} is computed in a way the model does not count`;
  const threshold: Threshold = { variable: arg.variable, function: fn.function };
  if (fn.field) threshold.field = arg.path;
  return threshold;
}

function outcomeValue(name: string, outcome: Expr[]): Expr | undefined {
  for (const s of outcome)
    if (s.kind === 'compare' && s.op === '=' && s.left.kind === 'variable' && s.left.name === name)
      return s.right;
  return undefined;
}
