/** Implication, contradiction and kinship between literals and conjunctions of two rules' normal forms. */
import { atomId, contradicts, eqClosureKeys, eqLookupKey, impliesById, reachedConcepts } from './atoms.js';
import type { Conjunction, Literal } from './normal-form.js';

/**
 * What a literal's atoms are, indexed: the concepts it tests and those its tests reach through equivalents (most
 * literal pairs meet on none), its atoms by concept and its atom keys (lists of hundreds of values meet often),
 * and each atom's id and reach, so that comparing two literals looks nothing up by string.
 */
interface LiteralIndex {
  /** One id per literal key: literals written alike in many alternatives or rules are remembered once. */
  id: number;
  tested: string[];
  reached: string[];
  /** Positions in `atoms` of its `eq` atoms by `eqLookupKey`, and of its other atoms by concept. */
  eqByValue: Map<string, number[]>;
  othersByConcept: Map<string, number[]>;
  keys: Set<string>;
  atomIds: number[];
  atomReach: Array<readonly string[]>;
  /** For each atom, the `eqLookupKey`s of the equal-value atoms it implies. */
  atomEqKeys: string[][];
}
const indexes = new WeakMap<Literal, LiteralIndex>();
const literalIds = new Map<string, number>();

function push(map: Map<string, number[]>, key: string, i: number): void {
  const at = map.get(key);
  if (at) at.push(i);
  else map.set(key, [i]);
}

function indexOf(l: Literal): LiteralIndex {
  let found = indexes.get(l);
  if (!found) {
    const eqByValue = new Map<string, number[]>();
    const othersByConcept = new Map<string, number[]>();
    const tested = new Set<string>();
    l.atoms.forEach((a, i) => {
      tested.add(a.concept);
      if (a.op === 'eq') push(eqByValue, eqLookupKey(a), i);
      else push(othersByConcept, a.concept, i);
    });
    const atomReach = l.atoms.map(reachedConcepts);
    let id = literalIds.get(l.key);
    if (id === undefined) literalIds.set(l.key, (id = literalIds.size));
    found = {
      id,
      tested: [...tested],
      reached: [...new Set(atomReach.flat())],
      eqByValue,
      othersByConcept,
      keys: new Set(l.atoms.map((a) => a.key)),
      atomIds: l.atoms.map(atomId),
      atomReach,
      atomEqKeys: l.atoms.map(eqClosureKeys),
    };
    indexes.set(l, found);
  }
  return found;
}

/**
 * Answers remembered by literal pair, two bits each (known, value): within two rules the same literal comes back
 * in many alternatives, and across a catalog the same literals meet again and again.
 */
let remembered: Array<Map<number, number> | undefined> = [];
let rememberedCount = 0;
const MAX_REMEMBERED = 4_000_000;
const RELATED = 0;
const IMPLIES = 2;
const CONTRADICTS = 4;

function recall(a: number, b: number, slot: number): boolean | undefined {
  const bits = remembered[a]?.get(b);
  if (bits === undefined || !(bits & (1 << slot))) return undefined;
  return (bits & (2 << slot)) !== 0;
}

function remember(a: number, b: number, slot: number, value: boolean): boolean {
  if (++rememberedCount > MAX_REMEMBERED) {
    remembered = [];
    rememberedCount = 0;
  }
  let row = remembered[a];
  if (!row) remembered[a] = row = new Map();
  row.set(b, (row.get(b) ?? 0) | (1 << slot) | (value ? 2 << slot : 0));
  return value;
}

function meet(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Whether `a`'s tests reach a concept `b` tests: no implication between them otherwise. */
function reaches(a: LiteralIndex, b: LiteralIndex): boolean {
  return meet(a.reached, b.tested);
}

/** Some atom of `into` that atom `i` of `from` implies: the same atom, an equal value, or one on a concept it reaches. */
function impliesSome(
  from: Literal,
  fx: LiteralIndex,
  i: number,
  into: Literal,
  target: LiteralIndex,
): boolean {
  const x = from.atoms[i];
  if (target.keys.has(x.key)) return true;
  const ix = fx.atomIds[i];
  if (target.eqByValue.size)
    for (const key of fx.atomEqKeys[i]) {
      const at = target.eqByValue.get(key);
      if (at) for (const j of at) if (impliesById(x, ix, into.atoms[j], target.atomIds[j])) return true;
    }
  for (const concept of fx.atomReach[i]) {
    const at = target.othersByConcept.get(concept);
    if (at) for (const j of at) if (impliesById(x, ix, into.atoms[j], target.atomIds[j])) return true;
  }
  return false;
}

function everyAtomImplies(from: Literal, fx: LiteralIndex, into: Literal, target: LiteralIndex): boolean {
  for (let i = 0; i < from.atoms.length; i++) if (!impliesSome(from, fx, i, into, target)) return false;
  return true;
}

function someAtomImplies(from: Literal, fx: LiteralIndex, into: Literal, target: LiteralIndex): boolean {
  for (let i = 0; i < from.atoms.length; i++) if (impliesSome(from, fx, i, into, target)) return true;
  return false;
}

/** Every event `a` holds on, `b` holds on. */
export function literalImplies(a: Literal, b: Literal): boolean {
  if (a.key === b.key) return true;
  const ia = indexOf(a);
  const ib = indexOf(b);
  if (a.negated ? !reaches(ib, ia) : !reaches(ia, ib)) return false;
  const known = recall(ia.id, ib.id, IMPLIES);
  if (known !== undefined) return known;
  let holds = false;
  if (!a.negated && !b.negated) holds = everyAtomImplies(a, ia, b, ib);
  else if (a.negated && b.negated) holds = everyAtomImplies(b, ib, a, ia);
  // Any of A excludes B when each of A contradicts B: `name is a.exe` excludes `name is b.exe`.
  else if (!a.negated) holds = b.atoms.every((y) => a.atoms.every((x) => contradicts(x, y)));
  return remember(ia.id, ib.id, IMPLIES, holds);
}

/** No event holds both. */
export function literalsContradict(a: Literal, b: Literal): boolean {
  if (a.negated && b.negated) return false;
  const ia = indexOf(a);
  const ib = indexOf(b);
  if (!reaches(ia, ib) && !reaches(ib, ia)) return false;
  const known = recall(ia.id, ib.id, CONTRADICTS);
  if (known !== undefined) return known;
  let holds: boolean;
  if (!a.negated && !b.negated) holds = a.atoms.every((x) => b.atoms.every((y) => contradicts(x, y)));
  else if (a.negated) holds = everyAtomImplies(b, ib, a, ia);
  else holds = everyAtomImplies(a, ia, b, ib);
  return remember(ia.id, ib.id, CONTRADICTS, holds);
}

/** Literals that test the same thing in part: one implies the other, or they share an implied atom. */
export function literalsRelated(a: Literal, b: Literal): boolean {
  if (a.negated !== b.negated) return false;
  if (a.key === b.key) return true;
  const ia = indexOf(a);
  const ib = indexOf(b);
  if (!reaches(ia, ib) && !reaches(ib, ia)) return false;
  // Symmetric: remembered under the lower id first.
  const [lo, hi] = ia.id < ib.id ? [ia.id, ib.id] : [ib.id, ia.id];
  const known = recall(lo, hi, RELATED);
  if (known !== undefined) return known;
  return remember(lo, hi, RELATED, someAtomImplies(a, ia, b, ib) || someAtomImplies(b, ib, a, ia));
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
