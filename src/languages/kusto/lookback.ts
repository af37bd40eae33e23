/**
 * A filter on the event time relative to now (`Timestamp > ago(7d)`) is the window a scheduled query looks back
 * over, not a property of an event: on an event stream every event is inside it. Its length windows an aggregate.
 */
import type { Op } from '../../model/predicate.js';
import { readDataFile } from '../../knowledge/data-file.js';
import type { Expr } from './ast.js';
import { resolveValues, type LetEnvironment } from './lets.js';

/** Functions whose value is the time the query runs, or derived from it. */
const RELATIVE = new Set([
  'ago',
  'now',
  'startofday',
  'startofweek',
  'startofmonth',
  'startofyear',
  'endofday',
]);

const UNIT_MS: Readonly<Record<string, number>> = {
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
};

let timeColumns: Set<string> | undefined;

/** The columns holding a Kusto row's time: the Defender and Sentinel time fields of the event normalization data. */
function isTimeColumn(field: string | null): boolean {
  timeColumns ??= new Set(
    readDataFile<{ time: Record<string, string[]> }>('event-normalization.json').time.defender ?? [],
  );
  return field !== null && timeColumns.has(field);
}

/** `7d`, `1.5h`, `30m`, `timespan(1d)` in milliseconds; undefined when it is not a timespan. */
export function timespanMs(text: string): number | undefined {
  const m = /^(?:timespan\()?\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*\)?$/i.exec(text.trim());
  const unit = m && Object.hasOwn(UNIT_MS, m[2].toLowerCase()) ? UNIT_MS[m[2].toLowerCase()] : undefined;
  return m && unit ? Number(m[1]) * unit : undefined;
}

function relativeCalls(expr: Expr, out: Array<Expr & { type: 'call' }>): void {
  if (expr.type === 'call') {
    if (RELATIVE.has(expr.name.toLowerCase())) out.push(expr);
    for (const arg of expr.args) relativeCalls(arg, out);
  } else if (expr.type === 'binary') {
    relativeCalls(expr.left, out);
    relativeCalls(expr.right, out);
  }
}

/** The span a relative bound reaches back: `ago(7d)` and `now() - 7d` are 7 days; 0 when not stated as a literal. */
function reach(expr: Expr, env: LetEnvironment): number {
  if (expr.type === 'call' && expr.name.toLowerCase() === 'ago' && expr.args[0])
    return span(expr.args[0], env);
  if (expr.type === 'call' && expr.args[0]) return reach(expr.args[0], env);
  if (expr.type === 'binary' && expr.op === '-') return span(expr.right, env);
  return 0;
}

function span(expr: Expr, env: LetEnvironment): number {
  const [text] = resolveValues(expr, env) ?? [];
  return text === undefined ? 0 : (timespanMs(text) ?? 0);
}

/**
 * When `field op bound` is a lookback (a time column after a time relative to now), the milliseconds it reaches
 * back (0: unknown); undefined when it is an ordinary comparison.
 */
export function lookbackMs(
  field: string | null,
  op: Op,
  bound: Expr,
  env: LetEnvironment,
): number | undefined {
  if (!isTimeColumn(field) || (op !== 'gt' && op !== 'gte')) return undefined;
  const calls: Array<Expr & { type: 'call' }> = [];
  relativeCalls(bound, calls);
  if (calls.length === 0) return undefined;
  return reach(bound, env);
}
