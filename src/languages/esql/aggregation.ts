/**
 * `STATS ... BY ...` as the model's aggregation: measures under the column names ES|QL gives them (the alias, or
 * the expression as written), group keys, and `BUCKET(@timestamp, 1 hour)` among the keys as the window.
 */
import type { Aggregation, Assignment as ModelAssignment, Measure } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';
import type { Assignment, Command, Expr } from './ast.js';
import { timespanMs } from './lookback.js';
import { toExpression } from './model-expression.js';

/** ES|QL aggregate functions whose model name differs; others keep their own name. */
const FUNCTIONS: Readonly<Record<string, string>> = lookupTable({
  count_distinct: 'dc',
});

export interface LoweredStats {
  aggregation: Aggregation;
  /** Group keys computed in the BY clause (`BY host = TO_LOWER(host.name)`). */
  assignments: ModelAssignment[];
  /** Why the aggregation cannot be evaluated: an aggregate with its own WHERE. */
  notEvaluable?: string;
}

function measureOf(assignment: Assignment, text: string): Measure {
  const written = text.slice(assignment.expr.start, assignment.expr.end);
  const { expr } = assignment;
  const name = expr.kind === 'call' ? expr.name : 'expression';
  const measure: Measure = { name: assignment.name ?? written, function: FUNCTIONS[name] ?? name };
  const [first] = expr.kind === 'call' ? expr.args : [];
  if (first?.kind === 'field' && first.name !== '*') measure.field = first.name;
  return measure;
}

/** `BUCKET(@timestamp, 1 hour)`, `DATE_TRUNC(1 hour, @timestamp)`: the bucket's width. */
function bucketWidth(expr: Expr): number | undefined {
  if (expr.kind !== 'call' || expr.args.length < 2) return undefined;
  const span =
    expr.name === 'bucket' || expr.name === 'bin'
      ? expr.args[1]
      : expr.name === 'date_trunc'
        ? expr.args[0]
        : undefined;
  return span?.kind === 'literal' && span.type === 'timespan' ? timespanMs(span.value) : undefined;
}

export function statsAggregation(command: Command, text: string): LoweredStats {
  const measures = command.assignments.map((a) => measureOf(a, text));
  const groupBy: string[] = [];
  const assignments: ModelAssignment[] = [];
  let windowMs: number | undefined;
  for (const group of command.groups) {
    const width = bucketWidth(group.expr);
    if (width !== undefined) {
      windowMs = width;
      continue;
    }
    const name = group.name ?? text.slice(group.expr.start, group.expr.end);
    groupBy.push(name);
    if (group.name || group.expr.kind !== 'field')
      assignments.push({ field: name, expression: toExpression(group.expr) });
  }
  const aggregation: Aggregation = {
    type: 'aggregation',
    function: measures[0]?.function ?? 'count',
    groupBy,
    threshold: { type: 'true' },
    measures,
  };
  if (windowMs !== undefined) aggregation.windowMs = windowMs;
  const filtered = command.assignments.find((a) => a.filter);
  const out: LoweredStats = { aggregation, assignments };
  if (filtered)
    out.notEvaluable = `The stats stage cannot be evaluated on events: the aggregate ${filtered.name ?? 'value'} has its own WHERE.`;
  return out;
}
