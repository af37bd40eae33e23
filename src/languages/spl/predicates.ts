/** Turns SPL comparisons into model predicates: the op a value's shape means, in search and in eval. */
import { lookupTable } from '../../text/lookup.js';
import type { Op, Predicate } from '../../model/predicate.js';

type PredicateFields = Pick<Predicate, 'field' | 'op' | 'values' | 'negated' | 'caseSensitive'>;

/** Where a stage's lowering puts what it finds; offsets are those of the expanded query. */
export interface PredicateSink {
  /** Index of the stage being lowered, the parent of the subsearches met on the way. */
  stage: number;
  predicate(fields: PredicateFields, at: { start: number; end: number }): void;
  term(value: string, quoted: boolean, negated: boolean, at: { start: number; end: number }): void;
}

const ORDER: Readonly<Record<string, Op>> = lookupTable({ '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' });

/**
 * A search comparison: `=` with a lone `*` is `exists`, with `*` inside a `wildcard` (values as written),
 * else `eq`; `!=` is the same, negated. Values with and without wildcards give one predicate each.
 */
export function valuePredicate(
  sink: PredicateSink,
  field: string,
  op: string,
  values: string[],
  negated: boolean,
  caseSensitive: boolean,
  at: { start: number; end: number },
): void {
  const ordered = ORDER[op];
  if (ordered) {
    sink.predicate({ field, op: ordered, values, negated, caseSensitive }, at);
    return;
  }
  const polarity = op === '!=' ? !negated : negated;
  if (values.includes('*')) {
    sink.predicate({ field, op: 'exists', values: [], negated: polarity, caseSensitive }, at);
    values = values.filter((v) => v !== '*');
  }
  const globs = values.filter((v) => v.includes('*'));
  const exact = values.filter((v) => !v.includes('*'));
  if (exact.length > 0)
    sink.predicate({ field, op: 'eq', values: exact, negated: polarity, caseSensitive }, at);
  if (globs.length > 0)
    sink.predicate({ field, op: 'wildcard', values: globs, negated: polarity, caseSensitive }, at);
}

/**
 * A `like()` pattern: `%a%` is `match a`, `a%` `starts_with`, `%a` `ends_with`, no `%` `eq`; anything
 * else a `wildcard` with `%` as `*`. `_` is read literally: in rules it is nearly always part of a name.
 */
export function likePredicate(pattern: string): { op: Op; value: string } {
  const inner = pattern.replace(/^%+/, '').replace(/%+$/, '');
  const lead = pattern.startsWith('%');
  const trail = pattern.endsWith('%') && pattern.length > 1;
  if (inner.includes('%') || inner.length === 0)
    return { op: 'wildcard', value: pattern.replaceAll('%', '*') };
  if (lead && trail) return { op: 'match', value: inner };
  if (trail) return { op: 'starts_with', value: inner };
  if (lead) return { op: 'ends_with', value: inner };
  return { op: 'eq', value: pattern };
}
