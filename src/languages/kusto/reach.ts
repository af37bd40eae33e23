/**
 * Which stages a Kusto query's result depends on: the root pipeline, the stages their logic refers to (a let's
 * pipeline read by the query, union legs) and what sits under those. Only those may make the query not evaluable.
 */
import type { Logic, Stage } from '../../model/stage.js';

/** The logic of a pipeline: its stages, ANDed. */
export function stagesLogic(stages: number[]): Logic {
  if (stages.length === 1) return { type: 'stage', index: stages[0] };
  return { type: 'and', operands: stages.map((index): Logic => ({ type: 'stage', index })) };
}

function referenced(node: Logic | undefined, into: number[]): void {
  if (!node) return;
  if (node.type === 'stage') into.push(node.index);
  else if (node.type === 'not') referenced(node.operand, into);
  else if (node.type === 'and' || node.type === 'or') for (const o of node.operands) referenced(o, into);
}

/** Stages the result depends on: roots, what reachable logic names, and the children of reachable stages but lets. */
export function reachableStages(stages: readonly Stage[]): Set<number> {
  const reachable = new Set<number>();
  const queue = stages.filter((s) => s.parent === undefined).map((s) => s.index);
  while (queue.length) {
    const index = queue.pop()!;
    if (reachable.has(index) || !stages[index]) continue;
    reachable.add(index);
    const stage = stages[index];
    referenced(stage.logic, queue);
    if (stage.join) queue.push(stage.join.left, stage.join.right);
    if (stage.kind === 'let') continue;
    for (const child of stages) if (child.parent === index) queue.push(child.index);
  }
  return reachable;
}

/** A let nothing reads does not change the result: its stages keep no `notEvaluable`. */
export function pruneUnreachable(stages: Stage[]): void {
  const reachable = reachableStages(stages);
  for (const stage of stages) if (!reachable.has(stage.index)) delete stage.notEvaluable;
}
