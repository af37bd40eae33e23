/** Why a rule fired on an event: the predicates that held, in their polarity, with the values the event had. */
import type { EventOrigin } from '../model/event.js';
import type { Op } from '../model/predicate.js';
import type { EventScope } from './fields.js';
import type { Leaf } from './logic.js';

export interface ExplainedPredicate {
  /** The stage's name (a Sigma selection) or kind. */
  stage: string;
  field: string | null;
  op: Op;
  values: string[];
  /** True when the predicate counted by not matching (under `not`). */
  negated: boolean;
  /** The event's values of the field (absent for keywords and absent fields). */
  eventValues?: string[];
}

export interface Explanation {
  event: EventOrigin;
  predicates: ExplainedPredicate[];
}

export function explain(leaves: readonly Leaf[], scope: EventScope): Explanation {
  const predicates: ExplainedPredicate[] = [];
  const seen = new Set<Leaf['predicate']>();
  for (const leaf of leaves) {
    if (seen.has(leaf.predicate) || leaf.compiled.test(scope) === leaf.inverted) continue;
    seen.add(leaf.predicate);
    const p = leaf.predicate;
    const out: ExplainedPredicate = {
      stage: leaf.stage.name ?? leaf.stage.kind,
      field: p.field,
      op: p.op,
      values: p.values,
      negated: leaf.inverted,
    };
    const values = leaf.compiled.access ? scope.values(leaf.compiled.access) : null;
    if (values) out.eventValues = values.raw;
    predicates.push(out);
  }
  return { event: scope.event.record.origin, predicates };
}
