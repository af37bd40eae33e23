/**
 * `@timestamp > NOW() - 7 days` is the window a scheduled query looks back over, not a property of an event: on
 * an event stream every event is inside it.
 */
import type { Op } from '../../model/predicate.js';
import type { Expr } from './ast.js';

/** The field ES|QL rows carry their time in. */
const TIME_FIELD = '@timestamp';

function readsNow(expr: Expr): boolean {
  if (expr.kind === 'call') return expr.name === 'now' || expr.args.some(readsNow);
  if (expr.kind === 'binary') return readsNow(expr.left) || readsNow(expr.right);
  if (expr.kind === 'cast') return readsNow(expr.operand);
  return false;
}

/** Is `field op bound` a lookback: the event time after a time relative to now? */
export function isLookback(field: string, op: Op, bound: Expr): boolean {
  return field === TIME_FIELD && (op === 'gt' || op === 'gte') && readsNow(bound);
}

const UNIT_MS: ReadonlyArray<[RegExp, number]> = [
  [/^(ms|milliseconds?)$/, 1],
  [/^(s|sec|seconds?)$/, 1000],
  [/^(m|min|minutes?)$/, 60_000],
  [/^(h|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
  [/^(w|weeks?)$/, 604_800_000],
];

/** An ES|QL time span (`1 hour`, `5m`, `7 days`) in milliseconds; undefined for months, years and other text. */
export function timespanMs(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim());
  const unit = m && UNIT_MS.find(([re]) => re.test(m[2].toLowerCase()));
  return m && unit ? Number(m[1]) * unit[1] : undefined;
}
