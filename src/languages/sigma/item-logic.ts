/**
 * The boolean shape of a Sigma detection item, as Sigma defines it: a key's values are ORed (ANDed under
 * `|all`), the keys of a mapping are ANDed, the entries of a list (mappings and keywords) are ORed.
 */
import type { Predicate } from '../../model/predicate.js';
import type { Logic } from '../../model/stage.js';

/** One predicate as a leaf; a predicate negated on its own (a null value, `exists: false`) sits under `not`. */
function leaf(predicates: readonly Predicate[], index: number): Logic {
  const node: Logic = { type: 'predicate', index };
  return predicates[index].negated ? { type: 'not', operand: node } : node;
}

/** Joins operands; one operand stands alone, none is the join's identity. */
export function join(type: 'and' | 'or', operands: Logic[]): Logic {
  if (operands.length === 1) return operands[0];
  if (operands.length === 0) return { type: type === 'and' ? 'true' : 'false' };
  return { type, operands };
}

/**
 * The logic of one key's predicates, `predicates[first..]`: a list that mixes plain values and
 * wildcards was split by operator, and the parts together stand for the key's one value list.
 */
export function pairLogic(predicates: readonly Predicate[], first: number, all: boolean): Logic {
  const leaves: Logic[] = [];
  for (let i = first; i < predicates.length; i++) leaves.push(leaf(predicates, i));
  // A null in an `|all` list still means "or absent": only the value parts are ANDed.
  if (!all) return join('or', leaves);
  const values = leaves.filter((l) => l.type === 'predicate');
  const absent = leaves.filter((l) => l.type !== 'predicate');
  return absent.length ? join('or', [join('and', values), ...absent]) : join('and', values);
}
