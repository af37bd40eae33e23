/**
 * A Sigma condition as the model's logic tree over the item stages: `1 of x*` is an `or` of the items the
 * pattern names, `all of them` an `and` of every item whose name does not start with `_`.
 */
import type { Aggregation as ModelAggregation, Logic } from '../../model/stage.js';
import type { Predicate } from '../../model/predicate.js';
import type { Aggregation, ConditionNode } from './ast.js';
import { join } from './item-logic.js';
import { durationMs } from '../kit/duration.js';

/** Matches a detection-name pattern whose only wildcard is `*`. */
export function globMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  if (!name.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i], at);
    if (found === -1) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return name.length - last.length >= at && name.endsWith(last);
}

/** The logic of a condition expression; `stages` maps item names to their stage index. Unknown names match nothing. */
export function conditionLogic(node: ConditionNode | undefined, stages: ReadonlyMap<string, number>): Logic {
  if (!node) return { type: 'false' };
  switch (node.kind) {
    case 'not':
      return { type: 'not', operand: conditionLogic(node.operand, stages) };
    case 'and':
    case 'or':
      return join(
        node.kind,
        node.operands.map((o) => conditionLogic(o, stages)),
      );
    case 'name': {
      const index = stages.get(node.name);
      return index === undefined ? { type: 'false' } : { type: 'stage', index };
    }
    case 'quantified': {
      const refs: Logic[] = [];
      for (const [name, index] of stages)
        if (node.them ? !name.startsWith('_') : globMatch(node.target, name))
          refs.push({ type: 'stage', index });
      // No item matched: `1 of` finds nothing, and Sigma's tools treat `all of` nothing the same way.
      if (refs.length === 0) return { type: 'false' };
      return join(node.quantifier === 'all' ? 'and' : 'or', refs);
    }
  }
}

export { durationMs };

/** Threshold predicates ANDed; one negated on its own (`!=`, `neq`) is an `eq` under `not`. */
export function thresholdLogic(predicates: readonly Predicate[]): Logic {
  return join(
    'and',
    predicates.map((p, index): Logic => {
      const leaf: Logic = { type: 'predicate', index };
      return p.negated ? { type: 'not', operand: leaf } : leaf;
    }),
  );
}

/** The old-style `| count(x) by y > n` aggregation, with the detection's `timeframe` as its window. */
export function aggregationOf(
  aggregation: Aggregation,
  predicates: readonly Predicate[],
  timeframe: string | undefined,
): ModelAggregation {
  const out: ModelAggregation = {
    type: 'aggregation',
    function: aggregation.function.toLowerCase(),
    groupBy: aggregation.groupBy,
    threshold: thresholdLogic(predicates),
  };
  if (aggregation.field) out.field = aggregation.field;
  const windowMs = durationMs(timeframe);
  if (windowMs !== undefined) out.windowMs = windowMs;
  return out;
}
