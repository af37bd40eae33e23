/**
 * The units overlap compares: one tested value on one field concept (an atom), normalized as indicators are, and
 * exact implication and contradiction between atoms.
 */
import type { LanguageId } from '../../model/ids.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import { argumentConcepts } from '../../knowledge/fields/index.js';
import { predicateIndicators, reachableEquivalents } from '../indicators.js';

export interface Atom {
  /** The taxonomy concept, `keyword` for field-less values, or `opaque` for tests compared only as written. */
  concept: string;
  op: Op;
  /** Normalized as the indicator's value: case-folded unless `caseSensitive`, globs turned into ops. */
  value: string;
  caseSensitive: boolean;
  /** `concept|op|value|cs`: atoms with one key are the same test. */
  key: string;
}

function atom(concept: string, op: Op, value: string, caseSensitive: boolean): Atom {
  return {
    concept,
    op,
    value,
    caseSensitive,
    key: `${concept}|${op}|${value}|${caseSensitive ? 'cs' : 'ci'}`,
  };
}

/** A test on computed values, a value transform or a list: the same only when written the same. */
function opaqueAtom(p: Predicate, reason: string): Atom {
  const text = JSON.stringify([p.field, p.op, p.values, p.valueKind, p.modifiers, p.all]);
  const a = atom('opaque', p.op, text, true);
  return { ...a, value: reason };
}

/** Whether a predicate's values can be compared as literals on a field concept. */
export function opaqueReason(p: Predicate, computed: ReadonlySet<string>): string | undefined {
  if (p.valueKind) return `compares ${p.field ?? 'a value'} with a ${p.valueKind}`;
  if (p.op === 'fieldref') return `compares ${p.field ?? 'a value'} with another field`;
  if (p.modifiers?.length) return `transforms ${p.field ?? 'the value'} (${p.modifiers.join(', ')})`;
  if (p.derivedFrom?.length || (p.field !== null && computed.has(p.field.toLowerCase())))
    return `tests the computed column ${p.field}`;
  return undefined;
}

/** One atom per value of a predicate, read positively (its polarity is the caller's). */
export function predicateAtoms(p: Predicate, language: LanguageId, computed: ReadonlySet<string>): Atom[] {
  const reason = opaqueReason(p, computed);
  if (reason) return [opaqueAtom(p, reason)];
  return predicateIndicators(p, language, 0).map((ind) =>
    atom(ind.canonical, ind.op, ind.value, p.caseSensitive && ind.op !== 'exists'),
  );
}

/** A bare search term: the raw event contains it, without case. */
export function termAtom(term: SearchTerm): Atom {
  return atom('keyword', 'match', term.value.toLowerCase(), false);
}

/** The atoms an atom implies through the taxonomy's equivalents (`image ends_with \x.exe` → `name eq x.exe`). */
function closure(a: Atom): Atom[] {
  if (a.concept === 'opaque' || a.concept === 'keyword') return [a];
  const cached = closures.get(a.key);
  if (cached) return cached;
  const out = [a];
  for (const [, e] of reachableEquivalents({ canonical: a.concept, op: a.op, value: a.value }))
    if (e.canonical !== a.concept || e.op !== a.op || e.value !== a.value)
      out.push(atom(e.canonical, e.op as Op, e.value, a.caseSensitive));
  if (closures.size > 100_000) closures.clear();
  closures.set(a.key, out);
  return out;
}
const closures = new Map<string, Atom[]>();

/** Every event `a` holds on, `b` holds on too. Remembered by atom pair: a catalog asks the same pairs often. */
export function implies(a: Atom, b: Atom): boolean {
  return impliesById(a, atomId(a), b, atomId(b));
}

/** `implies` for atoms whose ids (`atomId`) the caller keeps. */
export function impliesById(a: Atom, ia: number, b: Atom, ib: number): boolean {
  if (ia === ib) return true;
  if (a.concept === 'opaque' || b.concept === 'opaque') return false;
  // Rows of small-integer maps: keys stay small integers, which maps hash fastest and store unboxed.
  let row = implications[ia];
  if (!row) implications[ia] = row = new Map();
  let known = row.get(ib);
  if (known === undefined) {
    known = closure(a).some((x) => x.concept === b.concept && directlyImplies(x, b));
    if (++remembered > MAX_REMEMBERED) {
      implications = [];
      remembered = 0;
    }
    row.set(ib, known);
  }
  return known;
}

let implications: Array<Map<number, boolean> | undefined> = [];
let remembered = 0;
const MAX_REMEMBERED = 8_000_000;

/** The equal-value atoms an atom implies through equivalents, as `concept|value` in lower case (see `eqLookupKey`). */
export function eqClosureKeys(a: Atom): string[] {
  return closure(a)
    .filter((x) => x.op === 'eq')
    .map(eqLookupKey);
}

/**
 * An `eq` atom is implied only by an `eq` atom of its concept whose value is its own, case aside: the key under
 * which a long list finds the few of its atoms another atom can imply.
 */
export function eqLookupKey(a: Atom): string {
  return `${a.concept}|${a.value.toLowerCase()}`;
}

/** Atoms by key get small ids, kept for the process's life (a catalog holds a bounded set of atoms). */
const ids = new Map<string, number>();
const atomIds = new WeakMap<Atom, number>();

export function atomId(a: Atom): number {
  let id = atomIds.get(a);
  if (id !== undefined) return id;
  id = ids.get(a.key);
  if (id === undefined) ids.set(a.key, (id = ids.size));
  atomIds.set(a, id);
  return id;
}

/** The concepts an atom's tests reach through equivalents: atoms on none of another's cannot relate to it. */
export function reachedConcepts(a: Atom): readonly string[] {
  let found = reached.get(a.key);
  if (!found) {
    found = [...new Set(closure(a).map((x) => x.concept))];
    if (reached.size > 100_000) reached.clear();
    reached.set(a.key, found);
  }
  return found;
}
const reached = new Map<string, string[]>();

/** The values two atoms compare, on one footing: folded when either ignores case. */
function footing(a: Atom, b: Atom): [string, string] | undefined {
  if (a.caseSensitive === b.caseSensitive || NUMERIC.has(a.op) || NUMERIC.has(b.op))
    return [a.value, b.value];
  // A case-sensitive test implies its case-insensitive twin; the reverse holds only for values without case.
  if (a.caseSensitive) return [a.value.toLowerCase(), b.value];
  return a.value.toLowerCase() === a.value.toUpperCase() ? [a.value, b.value.toLowerCase()] : undefined;
}

const NUMERIC: ReadonlySet<Op> = new Set(['gt', 'gte', 'lt', 'lte']);
const STRING_OPS: ReadonlySet<Op> = new Set(['eq', 'starts_with', 'ends_with', 'match']);

/** Implication on one concept: `eq x` ⇒ `ends_with` of its tail ⇒ `match` of any part; bounds by number. */
function directlyImplies(a: Atom, b: Atom): boolean {
  const values = footing(a, b);
  if (!values) return false;
  const [x, y] = values;
  if (b.op === 'exists') return a.op !== 'exists' ? x !== '' || a.op !== 'eq' : true;
  if (NUMERIC.has(b.op)) return numericImplies(a.op, x, b.op, y);
  if (!STRING_OPS.has(a.op)) return a.op === b.op && x === y;
  switch (b.op) {
    case 'eq':
      return a.op === 'eq' && x === y;
    case 'starts_with':
      return (a.op === 'eq' || a.op === 'starts_with') && x.startsWith(y);
    case 'ends_with':
      return (a.op === 'eq' || a.op === 'ends_with') && x.endsWith(y);
    case 'match':
      return STRING_OPS.has(a.op) && x.includes(y);
    case 'wildcard':
      return a.op === 'eq' && globMatches(y, x);
    default:
      return false;
  }
}

function numericImplies(aOp: Op, x: string, bOp: Op, y: string): boolean {
  const n = Number(x);
  const m = Number(y);
  if (x.trim() === '' || y.trim() === '' || Number.isNaN(n) || Number.isNaN(m)) return false;
  const lower = aOp === 'gt' || aOp === 'gte' || aOp === 'eq';
  const upper = aOp === 'lt' || aOp === 'lte' || aOp === 'eq';
  if (bOp === 'gt') return lower && (n > m || (n === m && aOp === 'gt'));
  if (bOp === 'gte') return lower && n >= m;
  if (bOp === 'lt') return upper && (n < m || (n === m && aOp === 'lt'));
  return upper && n <= m;
}

/** A canonical glob (`*`, `?` wild; `[*]`, `[?]` literal) against a plain value. */
function globMatches(glob: string, value: string): boolean {
  const source = glob
    .split(/(\[\*\]|\[\?\]|\*|\?)/)
    .map((part) => {
      if (part === '*') return '[\\s\\S]*';
      if (part === '?') return '[\\s\\S]';
      if (part === '[*]' || part === '[?]') return `\\${part[1]}`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

/** No event holds both: two string tests on one single-valued concept that cannot both hold, case aside. */
export function contradicts(a: Atom, b: Atom): boolean {
  if (a.concept !== b.concept || a.concept === 'opaque' || a.concept === 'keyword') return false;
  if (!STRING_OPS.has(a.op) || !STRING_OPS.has(b.op) || multiValued().has(a.concept)) return false;
  const [x, y] = [a.value.toLowerCase(), b.value.toLowerCase()];
  if (a.op === 'eq' && b.op === 'eq') return x !== y;
  if (b.op === 'eq') return contradicts(b, a);
  if (a.op === 'eq') return !stringHolds(x, b.op, y);
  if (a.op === 'starts_with' && b.op === 'starts_with') return !x.startsWith(y) && !y.startsWith(x);
  if (a.op === 'ends_with' && b.op === 'ends_with') return !x.endsWith(y) && !y.endsWith(x);
  return false;
}

function stringHolds(value: string, op: Op, pattern: string): boolean {
  if (op === 'starts_with') return value.startsWith(pattern);
  if (op === 'ends_with') return value.endsWith(pattern);
  return value.includes(pattern);
}

/** Concepts holding lists (one argument each): two different values can both be there. */
function multiValued(): ReadonlySet<string> {
  listConcepts ??= new Set(argumentConcepts().map((pair) => pair.args));
  return listConcepts;
}
let listConcepts: Set<string> | undefined;
