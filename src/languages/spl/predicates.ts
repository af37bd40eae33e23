/** Turns SPL comparisons into model predicates: the op a value's shape means, in search and in eval. */
import { lookupTable } from '../../text/lookup.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Logic } from '../../model/stage.js';

type PredicateFields = Pick<Predicate, 'field' | 'op' | 'values' | 'negated' | 'caseSensitive'>;

/** Where a stage's lowering puts what it finds; offsets are those of the expanded query. */
export interface PredicateSink {
  /** Index of the stage being lowered, the parent of the subsearches met on the way. */
  stage: number;
  /** Adds a predicate to the stage and returns its logic leaf. */
  predicate(fields: PredicateFields, at: { start: number; end: number }): Logic;
  /** Adds a search term to the stage and returns its logic leaf; `directive` for `TERM(x)`, `CASE(x)`. */
  term(
    value: string,
    quoted: boolean,
    negated: boolean,
    at: { start: number; end: number },
    directive?: 'TERM' | 'CASE',
  ): Logic;
}

const ORDER: Readonly<Record<string, Op>> = lookupTable({ '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' });

/** An `or` of several nodes, the node itself when there is one. */
export function anyOf(nodes: Logic[]): Logic {
  return nodes.length === 1 ? nodes[0] : { type: 'or', operands: nodes };
}

/** The field has a value: `f!=v` needs one in SPL, where `NOT f=v` does not. */
export function present(field: string): Logic {
  return {
    type: 'expression',
    expression: { type: 'call', name: 'isnotnull', args: [{ type: 'field', name: field }] },
  };
}

/**
 * A search comparison: `=` with a lone `*` is `exists`, with `*` inside a `wildcard` (values as written),
 * else `eq`; values with and without wildcards give one predicate each, ORed. `!=` is the field present
 * and none of them (`negated` on the predicates for display); `negated` is the polarity around it.
 */
export function valuePredicate(
  sink: PredicateSink,
  field: string,
  op: string,
  values: string[],
  negated: boolean,
  caseSensitive: boolean,
  at: { start: number; end: number },
): Logic {
  const ordered = ORDER[op];
  if (ordered) return sink.predicate({ field, op: ordered, values, negated, caseSensitive }, at);
  const unequal = op === '!=';
  const polarity = unequal ? !negated : negated;
  const leaves: Logic[] = [];
  if (values.includes('*')) {
    leaves.push(sink.predicate({ field, op: 'exists', values: [], negated: polarity, caseSensitive }, at));
    values = values.filter((v) => v !== '*');
  }
  const globs = values.filter((v) => v.includes('*'));
  const exact = values.filter((v) => !v.includes('*'));
  if (exact.length > 0)
    leaves.push(sink.predicate({ field, op: 'eq', values: exact, negated: polarity, caseSensitive }, at));
  if (globs.length > 0)
    leaves.push(
      sink.predicate(
        { field, op: 'wildcard', values: globs.map(splGlob), negated: polarity, caseSensitive },
        at,
      ),
    );
  if (leaves.length === 0) return { type: unequal ? 'false' : 'true' };
  const any = anyOf(leaves);
  return unequal ? { type: 'and', operands: [present(field), { type: 'not', operand: any }] } : any;
}

/**
 * An SPL value with `*` wildcards in the model's glob form (the Sigma escapes): `?` is literal in SPL, and a
 * backslash before `*`, `?` or another backslash is one too. Other values come out as written.
 */
export function splGlob(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const next = value[i + 1];
    if (c === '?') out += '\\?';
    else if (c === '\\' && (next === '*' || next === '?' || next === '\\')) out += '\\\\';
    else out += c;
  }
  return out;
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
    return { op: 'wildcard', value: splGlob(pattern).replaceAll('%', '*') };
  if (lead && trail) return { op: 'match', value: inner };
  if (trail) return { op: 'starts_with', value: inner };
  if (lead) return { op: 'ends_with', value: inner };
  return { op: 'eq', value: pattern };
}
