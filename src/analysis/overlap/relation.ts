/**
 * The relation of one rule to another, computed on their normal forms: `equivalent`, `narrower` (every event the
 * other rule fires on, the subject fires on too), `broader`, `overlapping` or `disjoint`, with its evidence.
 */
import type { ParsedRule } from '../../model/rule.js';
import { evidence } from './evidence.js';
import { conjunctionImplies, conjunctionsContradict, conjunctionsShare } from './literals.js';
import { ruleForm, type RuleForm } from './normal-form.js';

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

/** Null stands for "any event": it does not block containment, since the fields tested say which events. */
function typesWithin(inner: string[] | null, outer: string[] | null): boolean {
  return inner === null || outer === null || inner.every((t) => outer.includes(t));
}

function typesMeet(a: string[] | null, b: string[] | null): boolean {
  return a === null || b === null || a.some((t) => b.includes(t));
}

/** Every event `a` fires on, `b` fires on: each alternative of `a` implies one of `b`. */
export function formImplies(a: RuleForm, b: RuleForm): boolean {
  if (!typesWithin(a.eventTypes, b.eventTypes)) return false;
  return a.conjunctions.every((ca) => b.conjunctions.some((cb) => conjunctionImplies(ca, cb)));
}

function formsShare(a: RuleForm, b: RuleForm): boolean {
  return a.conjunctions.some((ca) => b.conjunctions.some((cb) => conjunctionsShare(ca, cb)));
}

function formsContradict(a: RuleForm, b: RuleForm): boolean {
  return a.conjunctions.every((ca) => b.conjunctions.every((cb) => conjunctionsContradict(ca, cb)));
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

export function relateForms(subject: RuleForm, other: RuleForm): RuleRelation {
  const proof = evidence(subject, other);
  if (!typesMeet(subject.eventTypes, other.eventTypes))
    return {
      relation: 'disjoint',
      ...proof,
      why: `reads other events: ${subject.eventTypes!.join(', ')} against ${other.eventTypes!.join(', ')}`,
    };
  const limited = limitsWhy(subject, other);
  const contained = limited ? undefined : containment(subject, other);
  if (contained) return { relation: contained, ...proof };
  const relation =
    !formsContradict(subject, other) && formsShare(subject, other) ? 'overlapping' : 'disjoint';
  return limited ? { relation, ...proof, why: limited } : { relation, ...proof };
}
