/**
 * The relation of one rule to another, computed on their normal forms: `equivalent`, `narrower` (every event the
 * other rule fires on, the subject fires on too), `broader`, `overlapping` or `disjoint`, with its evidence.
 */
import type { ParsedRule } from '../../model/rule.js';
import { reachedConcepts } from './atoms.js';
import { evidence } from './evidence.js';
import { eventTypeText, typesCompatible } from './event-types.js';
import {
  conjunctionImplies,
  conjunctionsContradict,
  conjunctionsShare,
  literalsRelated,
} from './literals.js';
import { ruleForm, type Literal, type RuleForm } from './normal-form.js';

export const RELATION_KINDS = ['equivalent', 'narrower', 'broader', 'overlapping', 'disjoint'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** How `other` relates to `subject`: `broader` means other fires on every event subject fires on, and more. */
export interface RuleRelation {
  relation: RelationKind;
  /** What both test (as the subject writes it). */
  shared: string[];
  /** What the subject tests and the other does not. */
  onlySubject: string[];
  /** What the other tests and the subject does not. */
  onlyOther: string[];
  /** Why the relation is no closer: what the comparison could not reason about, or the events each reads. */
  why?: string;
}

export interface RelateContext {
  /** A rule's normal form, from a cache the caller keeps (catalog-wide runs compute each rule's once). */
  formOf?: (rule: ParsedRule) => RuleForm;
}

export function relateRules(
  subject: ParsedRule,
  other: ParsedRule,
  context: RelateContext = {},
): RuleRelation {
  const formOf = context.formOf ?? ruleForm;
  return relateForms(formOf(subject), formOf(other));
}

/**
 * Null stands for "any event", and a platform or event left open for any: neither blocks containment, since
 * the fields tested say which events; two different activities, platforms or events do.
 */
function typesWithin(inner: string[] | null, outer: string[] | null): boolean {
  return inner === null || outer === null || inner.every((t) => outer.some((u) => typesCompatible(t, u)));
}

function typesMeet(a: string[] | null, b: string[] | null): boolean {
  return a === null || b === null || a.some((t) => b.some((u) => typesCompatible(t, u)));
}

/** Every event `a` fires on, `b` fires on: each alternative of `a` implies one of `b`. */
export function formImplies(a: RuleForm, b: RuleForm): boolean {
  if (!typesWithin(a.eventTypes, b.eventTypes)) return false;
  // Most pairs fail here at once: an alternative of `b` testing a concept no test of `a` reaches follows from
  // none of `a`'s.
  const reached = formConcepts(a).reached;
  const reachable = b.conjunctions.filter((cb) =>
    cb.every((l) => l.negated || l.atoms.some((x) => reached.has(x.concept))),
  );
  if (reachable.length === 0) return false;
  return a.conjunctions.every((ca) => reachable.some((cb) => conjunctionImplies(ca, cb)));
}

/** Some alternatives of both can hold together and test a thing in common. */
function formsShare(a: RuleForm, b: RuleForm): boolean {
  // Most candidate pairs share no literal at all: tell so on each side's distinct literals, not on every pair of
  // alternatives.
  const mine = positiveLiterals(a);
  const theirs = positiveLiterals(b);
  if (!mine.some((la) => theirs.some((lb) => literalsRelated(la, lb)))) return false;
  return a.conjunctions.some((ca) => b.conjunctions.some((cb) => conjunctionsShare(ca, cb)));
}

const positives = new WeakMap<RuleForm, Literal[]>();

function positiveLiterals(form: RuleForm): Literal[] {
  let found = positives.get(form);
  if (!found) {
    const byKey = new Map<string, Literal>();
    for (const c of form.conjunctions)
      for (const l of c) if (!l.negated && !byKey.has(l.key)) byKey.set(l.key, l);
    positives.set(form, (found = [...byKey.values()]));
  }
  return found;
}

function formsContradict(a: RuleForm, b: RuleForm): boolean {
  return a.conjunctions.every((ca) => b.conjunctions.every((cb) => conjunctionsContradict(ca, cb)));
}

/**
 * Whether the forms can be related at all: a rule that requires nothing (an empty alternative) meets any; else
 * some positive test of one must reach, through equivalents, a concept the other tests.
 */
function conceptsMeet(a: RuleForm, b: RuleForm): boolean {
  if (a.conjunctions.some((c) => c.length === 0) || b.conjunctions.some((c) => c.length === 0)) return true;
  const ca = formConcepts(a);
  const cb = formConcepts(b);
  for (const c of ca.reached) if (cb.tested.has(c)) return true;
  for (const c of cb.reached) if (ca.tested.has(c)) return true;
  return false;
}

interface Concepts {
  tested: Set<string>;
  reached: Set<string>;
}
const conceptsOf = new WeakMap<RuleForm, Concepts>();

function formConcepts(form: RuleForm): Concepts {
  let found = conceptsOf.get(form);
  if (!found) {
    found = { tested: new Set(), reached: new Set() };
    for (const c of form.conjunctions)
      for (const l of c)
        for (const a of l.atoms) {
          found.tested.add(a.concept);
          for (const r of reachedConcepts(a)) found.reached.add(r);
        }
    conceptsOf.set(form, found);
  }
  return found;
}

function limitsWhy(subject: RuleForm, other: RuleForm): string | undefined {
  const parts = [
    ...subject.limits.map((l) => `the subject ${l}`),
    ...other.limits.map((l) => `the other rule ${l}`),
  ];
  return parts.length ? `overlapping at most: ${parts.join('; ')}` : undefined;
}

function containment(subject: RuleForm, other: RuleForm): RelationKind | undefined {
  const down = formImplies(other, subject);
  const up = formImplies(subject, other);
  if (down && up) return 'equivalent';
  if (down) return 'narrower';
  if (up) return 'broader';
  return undefined;
}

/** The relation alone, without its evidence: what a catalog-wide run asks of every candidate pair first. */
export function classifyForms(subject: RuleForm, other: RuleForm): Pick<RuleRelation, 'relation' | 'why'> {
  if (!typesMeet(subject.eventTypes, other.eventTypes))
    return {
      relation: 'disjoint',
      why: `reads other events: ${subject.eventTypes!.map(eventTypeText).join(', ')} against ${other.eventTypes!.map(eventTypeText).join(', ')}`,
    };
  if (!conceptsMeet(subject, other)) return { relation: 'disjoint' };
  const limited = limitsWhy(subject, other);
  const contained = limited ? undefined : containment(subject, other);
  if (contained) return { relation: contained };
  const relation =
    formsShare(subject, other) && !formsContradict(subject, other) ? 'overlapping' : 'disjoint';
  return limited ? { relation, why: limited } : { relation };
}

export function relateForms(subject: RuleForm, other: RuleForm): RuleRelation {
  const { relation, why } = classifyForms(subject, other);
  const proof = evidence(subject, other);
  return why ? { relation, ...proof, why } : { relation, ...proof };
}

/** The converse relation: `other` to `subject` when `subject` to `other` is known. */
export function converse(relation: RelationKind): RelationKind {
  return relation === 'narrower' ? 'broader' : relation === 'broader' ? 'narrower' : relation;
}
