/**
 * `join` as the model's join of two legs over the same event stream: the pipeline before it and the sub-query in
 * it, on equal keys (`on Key`, `on $left.A == $right.B`), of the kind it names (Kusto's default: `innerunique`).
 */
import type { Join, Stage } from '../../model/stage.js';
import type { Expr, Operator } from './ast.js';
import { stagesLogic } from './reach.js';

/** `$left.A` or `$right.B`: the side and the column. */
function sideOf(expr: Expr): { side: string; column: string } | undefined {
  if (expr.type !== 'member' || expr.object.type !== 'name') return undefined;
  return { side: expr.object.name.toLowerCase(), column: expr.name };
}

function keyOf(expr: Expr): { left: string; right: string } | undefined {
  if (expr.type === 'name') return { left: expr.name, right: expr.name };
  if (expr.type !== 'binary' || expr.op !== '==') return undefined;
  const a = sideOf(expr.left);
  const b = sideOf(expr.right);
  if (!a || !b || a.side === b.side) return undefined;
  return a.side === '$left' ? { left: a.column, right: b.column } : { left: b.column, right: a.column };
}

/**
 * Fills the join stage: the left leg is the pipeline's stages before it, the right leg its sub-query (the stage
 * itself stands for the sub-query when it has several stages). A join the engine cannot place says why.
 */
export function lowerJoin(
  op: Operator,
  stage: Stage,
  before: number[],
  right: number[],
  windowMs: number | undefined,
): void {
  if (stage.parent !== undefined || before.length === 0 || right.length === 0) {
    stage.notEvaluable ??=
      'The join stage cannot be evaluated on events: it joins inside a let or a sub-query.';
    return;
  }
  const on = op.args.map(keyOf);
  if (on.length === 0 || on.some((k) => k === undefined)) {
    stage.notEvaluable ??= 'The join stage cannot be evaluated on events: its keys are not equal columns.';
    return;
  }
  if (right.length > 1) stage.logic = stagesLogic(right);
  const join: Join = {
    type: 'join',
    kind: (op.options.kind ?? 'innerunique').toLowerCase(),
    left: before[0],
    right: right.length === 1 ? right[0] : stage.index,
    on: on as Join['on'],
  };
  if (windowMs) join.windowMs = windowMs;
  stage.join = join;
}
