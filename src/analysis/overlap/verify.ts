/**
 * Containment claims checked with the engine: wherever the narrower rule of a `narrower` (or either rule of an
 * `equivalent`) claim fires, the other must fire too, on every event given.
 */
import type { NormalizedEvent } from '../../model/event.js';
import type { ParsedRule } from '../../model/rule.js';
import { Hunt } from '../../engine/index.js';

/** Every event `narrower` fires on, `broader` fires on; for `equivalent`, both ways. */
export interface ContainmentClaim {
  narrower: string;
  broader: string;
  relation: 'narrower' | 'equivalent';
}

export interface ClaimViolation extends ContainmentClaim {
  /** `file#index` of an event the narrower rule fired on and the broader did not. */
  event: string;
}

export interface ClaimCheck {
  claims: number;
  /** Claims whose rules both evaluate and one of which fired on some event: the claims the events test. */
  exercised: number;
  events: number;
  violations: ClaimViolation[];
}

/** The events each rule (by key) fired on; rules the engine cannot evaluate are left out. */
function firings(
  rules: ReadonlyMap<string, ParsedRule>,
  events: readonly NormalizedEvent[],
): Map<string, Set<string>> {
  // Rule ids are not unique across sources: the hunt knows each rule by its catalog key.
  const keyed = [...rules].map(([key, r]) => ({ ...r, rule: { ...r.rule, id: key } }));
  const hunt = new Hunt(keyed);
  for (const event of events) hunt.push(event);
  const result = hunt.finish();
  const out = new Map<string, Set<string>>();
  const evaluable = new Set(keyed.map((r) => r.rule.id));
  for (const n of result.notEvaluable) evaluable.delete(n.ruleId);
  for (const key of evaluable) out.set(key, new Set());
  for (const hit of result.hits) {
    const set = out.get(hit.ruleId);
    if (set) for (const e of hit.events) set.add(`${e.file}#${e.index}`);
  }
  return out;
}

function missing(fired: Set<string>, by: Set<string>): string | undefined {
  for (const e of fired) if (!by.has(e)) return e;
  return undefined;
}

/** Checks each claim on the events; `rules` holds the claims' rules by key. */
export function verifyClaims(
  claims: readonly ContainmentClaim[],
  rules: ReadonlyMap<string, ParsedRule>,
  events: readonly NormalizedEvent[],
): ClaimCheck {
  const fired = firings(rules, events);
  const check: ClaimCheck = { claims: claims.length, exercised: 0, events: events.length, violations: [] };
  for (const claim of claims) {
    const small = fired.get(claim.narrower);
    const large = fired.get(claim.broader);
    if (!small || !large) continue;
    if (small.size || large.size) check.exercised++;
    const event =
      missing(small, large) ?? (claim.relation === 'equivalent' ? missing(large, small) : undefined);
    if (event !== undefined) check.violations.push({ ...claim, event });
  }
  return check;
}
