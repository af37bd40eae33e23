/** Implication, contradiction and kinship between literals and conjunctions of two rules' normal forms. */
import { atomId, contradicts, impliesById, reachedConcepts, type Atom } from './atoms.js';
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
  /** Positions in `atoms` by concept. */
  byConcept: Map<string, number[]>;
  keys: Set<string>;
  atomIds: number[];
  atomReach: Array<readonly string[]>;
}
const indexes = new WeakMap<Literal, LiteralIndex>();
const literalIds = new Map<string, number>();

function indexOf(l: Literal): LiteralIndex {
  let found = indexes.get(l);
  if (!found) {
    const byConcept = new Map<string, number[]>();
    l.atoms.forEach((a, i) => {
      const at = byConcept.get(a.concept);
      if (at) at.push(i);
      else byConcept.set(a.concept, [i]);
    });
    const atomReach = l.atoms.map(reachedConcepts);
    let id = literalIds.get(l.key);
    if (id === undefined) literalIds.set(l.key, (id = literalIds.size));
    found = {
      id,
      tested: [...byConcept.keys()],
      reached: [...new Set(atomReach.flat())],
      byConcept,
      keys: new Set(l.atoms.map((a) => a.key)),
      atomIds: l.atoms.map(atomId),
      atomReach,
    };
    indexes.set(l, found);
  }
  return found;
}

/**
 * Answers remembered by literal pair, two bits each (known, value): within two rules the same literal comes back
 * in many alternatives, and across a catalog the same literals meet again and again.
 */
const remembered = new Map<number, number>();
const MAX_REMEMBERED = 4_000_000;
const RELATED = 0;
const IMPLIES = 2;
const CONTRADICTS = 4;

function pairKey(a: number, b: number): number {
  return a * 2 ** 26 + b;
}

function recall(key: number, slot: number): boolean | undefined {
  const bits = remembered.get(key);
  if (bits === undefined || !(bits & (1 << slot))) return undefined;
  return (bits & (2 << slot)) !== 0;
}

function remember(key: number, slot: number, value: boolean): boolean {
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  const bits = (remembered.get(key) ?? 0) | (1 << slot) | (value ? 2 << slot : 0);
  remembered.set(key, bits);
  return value;
}

/** The key of a symmetric answer: one for both orders. */
function unorderedKey(a: LiteralIndex, b: LiteralIndex): number {
  return a.id < b.id ? pairKey(a.id, b.id) : pairKey(b.id, a.id);
}

function meet(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/** Whether `a`'s tests reach a concept `b` tests: no implication between them otherwise. */
function reaches(a: LiteralIndex, b: LiteralIndex): boolean {
  return meet(a.reached, b.tested);
}

/** Some atom of `into` that atom `i` of `from` implies: the same atom, or one on a concept it reaches. */
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
  for (const concept of fx.atomReach[i]) {
    const at = target.byConcept.get(concept);
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
  const key = pairKey(ia.id, ib.id);
  const known = recall(key, IMPLIES);
  if (known !== undefined) return known;
  let holds = false;
  if (!a.negated && !b.negated) holds = everyAtomImplies(a, ia, b, ib);
  else if (a.negated && b.negated) holds = everyAtomImplies(b, ib, a, ia);
  // Any of A excludes B when each of A contradicts B: `name is a.exe` excludes `name is b.exe`.
  else if (!a.negated) holds = b.atoms.every((y) => a.atoms.every((x) => contradicts(x, y)));
  return remember(key, IMPLIES, holds);
}

/** No event holds both. */
export function literalsContradict(a: Literal, b: Literal): boolean {
  if (a.negated && b.negated) return false;
  const ia = indexOf(a);
  const ib = indexOf(b);
  if (!reaches(ia, ib) && !reaches(ib, ia)) return false;
  const key = pairKey(ia.id, ib.id);
  const known = recall(key, CONTRADICTS);
  if (known !== undefined) return known;
  let holds: boolean;
  if (!a.negated && !b.negated) holds = a.atoms.every((x) => b.atoms.every((y) => contradicts(x, y)));
  else if (a.negated) holds = everyAtomImplies(b, ib, a, ia);
  else holds = everyAtomImplies(a, ia, b, ib);
  return remember(key, CONTRADICTS, holds);
}

/** Literals that test the same thing in part: one implies the other, or they share an implied atom. */
export function literalsRelated(a: Literal, b: Literal): boolean {
  if (a.negated !== b.negated) return false;
  if (a.key === b.key) return true;
  const ia = indexOf(a);
  const ib = indexOf(b);
  if (!reaches(ia, ib) && !reaches(ib, ia)) return false;
  const key = unorderedKey(ia, ib);
  const known = recall(key, RELATED);
  if (known !== undefined) return known;
  return remember(key, RELATED, someAtomImplies(a, ia, b, ib) || someAtomImplies(b, ib, a, ia));
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
