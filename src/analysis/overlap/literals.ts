/** Implication, contradiction and kinship between literals and conjunctions of two rules' normal forms. */
import { contradicts, implies, reachedConcepts, type Atom } from './atoms.js';
import type { Conjunction, Literal } from './normal-form.js';

/**
 * What a literal's atoms are, indexed: the concepts it tests and those its tests reach through equivalents (most
 * literal pairs meet on none), its atoms by concept and its atom keys (lists of hundreds of values meet often).
 */
interface LiteralIndex {
  tested: string[];
  reached: string[];
  byConcept: Map<string, Atom[]>;
  keys: Set<string>;
}
const indexes = new WeakMap<Literal, LiteralIndex>();

function indexOf(l: Literal): LiteralIndex {
  let found = indexes.get(l);
  if (!found) {
    const byConcept = new Map<string, Atom[]>();
    for (const a of l.atoms) byConcept.set(a.concept, [...(byConcept.get(a.concept) ?? []), a]);
    found = {
      tested: [...byConcept.keys()],
      reached: [...new Set(l.atoms.flatMap(reachedConcepts))],
      byConcept,
      keys: new Set(l.atoms.map((a) => a.key)),
    };
    indexes.set(l, found);
  }
  return found;
}

function meet(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Whether `a`'s tests reach a concept `b` tests: no implication between them otherwise. */
function reaches(a: Literal, b: Literal): boolean {
  return meet(indexOf(a).reached, indexOf(b).tested);
}

/** Some atom of `into` that `x` implies: the same atom, or one on a concept `x` reaches. */
function impliesSome(x: Atom, into: Literal): boolean {
  const target = indexOf(into);
  if (target.keys.has(x.key)) return true;
  for (const concept of reachedConcepts(x))
    for (const y of target.byConcept.get(concept) ?? []) if (implies(x, y)) return true;
  return false;
}

/** Every event `a` holds on, `b` holds on. */
export function literalImplies(a: Literal, b: Literal): boolean {
  if (a.key === b.key) return true;
  if (a.negated ? !reaches(b, a) : !reaches(a, b)) return false;
  if (!a.negated && !b.negated) return a.atoms.every((x) => impliesSome(x, b));
  if (a.negated && b.negated) return b.atoms.every((y) => impliesSome(y, a));
  // Any of A excludes B when each of A contradicts B: `name is a.exe` excludes `name is b.exe`.
  if (!a.negated) return b.atoms.every((y) => a.atoms.every((x) => contradicts(x, y)));
  return false;
}

/** No event holds both. */
export function literalsContradict(a: Literal, b: Literal): boolean {
  if (a.negated && b.negated) return false;
  if (!reaches(a, b) && !reaches(b, a)) return false;
  if (!a.negated && !b.negated) return a.atoms.every((x) => b.atoms.every((y) => contradicts(x, y)));
  const [positive, negative] = a.negated ? [b, a] : [a, b];
  return positive.atoms.every((x) => impliesSome(x, negative));
}

/** Literals that test the same thing in part: one implies the other, or they share an implied atom. */
export function literalsRelated(a: Literal, b: Literal): boolean {
  if (a.negated !== b.negated) return false;
  if (a.key === b.key) return true;
  if (!reaches(a, b) && !reaches(b, a)) return false;
  return a.atoms.some((x) => impliesSome(x, b)) || b.atoms.some((y) => impliesSome(y, a));
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
  if (!a.some((la) => !la.negated && b.some((lb) => literalsRelated(la, lb)))) return false;
  return !conjunctionsContradict(a, b);
}
