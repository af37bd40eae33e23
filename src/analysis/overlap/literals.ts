/** Implication, contradiction and kinship between literals and conjunctions of two rules' normal forms. */
import { contradicts, implies } from './atoms.js';
import type { Conjunction, Literal } from './normal-form.js';

/** Every event `a` holds on, `b` holds on. */
export function literalImplies(a: Literal, b: Literal): boolean {
  if (a.key === b.key) return true;
  if (!a.negated && !b.negated) return a.atoms.every((x) => b.atoms.some((y) => implies(x, y)));
  if (a.negated && b.negated) return b.atoms.every((y) => a.atoms.some((x) => implies(y, x)));
  // Any of A excludes B when each of A contradicts B: `name is a.exe` excludes `name is b.exe`.
  if (!a.negated) return b.atoms.every((y) => a.atoms.every((x) => contradicts(x, y)));
  return false;
}

/** No event holds both. */
export function literalsContradict(a: Literal, b: Literal): boolean {
  if (a.negated && b.negated) return false;
  if (!a.negated && !b.negated) return a.atoms.every((x) => b.atoms.every((y) => contradicts(x, y)));
  const [positive, negative] = a.negated ? [b, a] : [a, b];
  return positive.atoms.every((x) => negative.atoms.some((y) => implies(x, y)));
}

/** Literals that test the same thing in part: one implies the other, or they share an implied atom. */
export function literalsRelated(a: Literal, b: Literal): boolean {
  if (a.negated !== b.negated) return false;
  if (a.key === b.key) return true;
  return a.atoms.some((x) => b.atoms.some((y) => implies(x, y) || implies(y, x)));
}

/** Every event `a` holds on, `b` holds on: each literal of `b` follows from one of `a`. */
export function conjunctionImplies(a: Conjunction, b: Conjunction): boolean {
  return b.every((lb) => a.some((la) => literalImplies(la, lb)));
}

export function conjunctionsContradict(a: Conjunction, b: Conjunction): boolean {
  return a.some((la) => b.some((lb) => literalsContradict(la, lb)));
}

/** The two conjunctions can hold together and test at least one thing in common. */
export function conjunctionsShare(a: Conjunction, b: Conjunction): boolean {
  if (conjunctionsContradict(a, b)) return false;
  return a.some((la) => !la.negated && b.some((lb) => literalsRelated(la, lb)));
}
