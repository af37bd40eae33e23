/**
 * What each Kusto tabular operator does to the rows, in the model: computed columns (`extend`, `project x = ...`,
 * `project-rename`), aggregation (`summarize`, `count`), operators that keep the rows' match unchanged, and those
 * that make the query not evaluable on events, with the reason.
 */
import type { Assignment, Stage } from '../../model/stage.js';
import type { Operator } from './ast.js';
import { summarizeAggregation } from './aggregation.js';
import { toExpression } from './expression.js';
import type { LetEnvironment } from './lets.js';

/** Operators that shape, order or cut rows without changing whether an event's row is there. */
const ROW_PRESERVING = new Set([
  'project',
  'project-away',
  'project-keep',
  'project-reorder',
  'project-smart',
  'project-rename',
  'extend',
  'sort',
  'order',
  'top',
  'take',
  'limit',
  'sample',
  'distinct',
  'serialize',
  'render',
  'as',
  'consume',
  // An array column expanded to one row per item: a filter on it finds the item among the values, as on the array.
  'mv-expand',
]);

/** Why an operator's rows are not computed from the events, by operator. */
const NOT_EVALUABLE: Readonly<Record<string, string>> = {
  externaldata: 'it reads external data (externaldata)',
  datatable: 'it reads an inline datatable, not events',
  invoke: 'it invokes a function on the rows (invoke)',
  evaluate: 'it runs a plugin (evaluate)',
  lookup: 'it looks rows up in another table (lookup)',
  'make-series': 'it builds time series (make-series)',
  scan: 'it scans rows in order with states (scan)',
  'mv-apply': 'it applies a sub-query to each array (mv-apply)',
  parse: 'it extracts columns with a pattern (parse)',
  'parse-where': 'it extracts columns with a pattern (parse-where)',
  'parse-kv': 'it extracts key-value columns (parse-kv)',
  partition: 'it runs a sub-query per partition (partition)',
  fork: 'it forks the rows into several results (fork)',
  reduce: 'it clusters rows by pattern (reduce)',
  facet: 'it returns facets of the rows (facet)',
  'top-nested': 'it nests top aggregations (top-nested)',
  'top-hitters': 'it approximates top values (top-hitters)',
  range: 'it generates rows (range)',
  print: 'it prints computed values, not events (print)',
  getschema: 'it returns the schema, not rows (getschema)',
  'make-graph': 'it builds a graph (make-graph)',
  'graph-match': 'it matches graph patterns (graph-match)',
  'graph-to-table': 'it reads a graph (graph-to-table)',
  'sample-distinct': 'it samples distinct values (sample-distinct)',
};

export interface OperatorContext {
  env: LetEnvironment;
  text: string;
  /** The lookback the pipeline's filters stated so far, in milliseconds. */
  lookbackMs?: number;
}

/** The computed columns of `extend`, `project` and `project-rename`: `name = expression`, in order. */
function assignments(op: Operator, ctx: OperatorContext): Assignment[] {
  const out: Assignment[] = [];
  for (const arg of op.args) {
    if (arg.type !== 'assign') continue;
    // `(a, b) = f(x)` binds several columns to parts of a value the model does not split.
    if (arg.names.length !== 1 || !arg.names[0]) continue;
    out.push({ field: arg.names[0], expression: toExpression(arg.value, ctx.env, ctx.text) });
  }
  return out;
}

/** Fills the stage with what the operator does; filters, joins and unions are lowered elsewhere. */
export function applyOperator(op: Operator, stage: Stage, ctx: OperatorContext): void {
  if (op.name === 'extend' || op.name === 'project' || op.name === 'project-rename') {
    const computed = assignments(op, ctx);
    if (computed.length) stage.assignments = computed;
  } else if (op.name === 'summarize' || op.name === 'count') {
    stage.aggregation = summarizeAggregation(op, ctx.env, ctx.text, ctx.lookbackMs);
  } else if (Object.hasOwn(NOT_EVALUABLE, op.name)) {
    stage.notEvaluable = `The ${op.name} stage cannot be evaluated on events: ${NOT_EVALUABLE[op.name]}.`;
  } else if (
    !ROW_PRESERVING.has(op.name) &&
    !['where', 'filter', 'search', 'find', 'union', 'join'].includes(op.name)
  ) {
    stage.notEvaluable = `The ${op.name} operator is not evaluated on events.`;
  }
}
