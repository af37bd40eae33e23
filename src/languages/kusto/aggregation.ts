/**
 * `summarize` and `count` as the model's aggregation: measures under the column names Kusto gives them
 * (`count_`, `dcount_User`), group keys, and `bin(Timestamp, 1h)` in the keys as the window.
 */
import type { Aggregation, Measure } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';
import type { Expr, Operator } from './ast.js';
import { columnsOf, resolveValues, type LetEnvironment } from './lets.js';
import { timespanMs } from './lookback.js';

interface MeasureName {
  /** The model's function name. */
  function: string;
  /** The column Kusto names the result when the query does not (`count_`, `dcount_` + the column). */
  prefix: string;
  /** True when the default name ends with the column the function reads. */
  withColumn: boolean;
}

const measure = (fn: string, prefix: string, withColumn = true): MeasureName => ({
  function: fn,
  prefix,
  withColumn,
});

/** Kusto aggregation functions; one not listed keeps its own name, and the engine says whether it computes it. */
const MEASURES: Readonly<Record<string, MeasureName>> = lookupTable({
  count: measure('count', 'count_', false),
  countif: measure('countif', 'countif_', false),
  dcount: measure('dc', 'dcount_'),
  dcountif: measure('dcountif', 'dcountif_'),
  sum: measure('sum', 'sum_'),
  sumif: measure('sumif', 'sumif_'),
  avg: measure('avg', 'avg_'),
  min: measure('min', 'min_'),
  max: measure('max', 'max_'),
  // A set of the distinct values is the model's `values`; any one value of the group its `first`.
  make_set: measure('values', 'set_'),
  make_set_if: measure('make_set_if', 'set_'),
  make_list: measure('make_list', 'list_'),
  make_list_if: measure('make_list_if', 'list_'),
  take_any: measure('first', 'any_'),
  any: measure('first', 'any_'),
  arg_max: measure('arg_max', 'max_'),
  arg_min: measure('arg_min', 'min_'),
});

/** The position of the first group key: the first argument after the word `by`. */
function keysStart(op: Operator, text: string): number {
  for (let i = 0; i < op.args.length; i++) {
    const before = text.slice(i === 0 ? op.start : op.args[i - 1].end, op.args[i].start);
    if (/\bby\b/i.test(before)) return i;
  }
  return op.args.length;
}

function measureOf(arg: Expr, env: LetEnvironment, text: string): Measure {
  const value = arg.type === 'assign' ? arg.value : arg;
  const name = value.type === 'call' ? value.name.toLowerCase() : '';
  const known = MEASURES[name] ?? measure(name || 'value', `${name}_`);
  const [column] = value.type === 'call' && value.args[0] ? columnsOf(value.args[0], env) : [];
  const out: Measure = {
    name:
      arg.type === 'assign' && arg.names[0]
        ? arg.names[0]
        : known.withColumn && column
          ? `${known.prefix}${column}`
          : known.prefix,
    function: known.function,
  };
  if (column) out.field = column;
  if (arg.type !== 'assign' && !value.type.startsWith('call')) out.name = text.slice(arg.start, arg.end);
  return out;
}

/** `bin(Timestamp, 1h)`: the bin's width, when the key bins a column by a literal timespan. */
function binWidth(expr: Expr, env: LetEnvironment): number | undefined {
  if (expr.type !== 'call' || !['bin', 'floor'].includes(expr.name.toLowerCase()) || !expr.args[1])
    return undefined;
  const [width] = resolveValues(expr.args[1], env) ?? [];
  return width === undefined ? undefined : timespanMs(width);
}

/** The aggregation of a `summarize` or `count` operator; `lookbackMs` windows it when no time bin does. */
export function summarizeAggregation(
  op: Operator,
  env: LetEnvironment,
  text: string,
  lookbackMs: number | undefined,
): Aggregation {
  if (op.name === 'count')
    return {
      type: 'aggregation',
      function: 'count',
      groupBy: [],
      threshold: { type: 'true' },
      measures: [{ name: 'Count', function: 'count' }],
      ...(lookbackMs ? { windowMs: lookbackMs } : {}),
    };
  const split = keysStart(op, text);
  const measures = op.args.slice(0, split).map((arg) => measureOf(arg, env, text));
  const groupBy: string[] = [];
  let windowMs: number | undefined;
  for (const key of op.args.slice(split)) {
    const value = key.type === 'assign' ? key.value : key;
    const width = binWidth(value, env);
    if (width !== undefined) windowMs = width;
    else if (key.type === 'assign') groupBy.push(key.names[0] ?? text.slice(key.start, key.end));
    else groupBy.push(text.slice(key.start, key.end));
  }
  windowMs ??= lookbackMs || undefined;
  const aggregation: Aggregation = {
    type: 'aggregation',
    function: measures[0]?.function ?? 'count',
    groupBy,
    threshold: { type: 'true' },
    measures,
  };
  if (windowMs !== undefined) aggregation.windowMs = windowMs;
  return aggregation;
}
