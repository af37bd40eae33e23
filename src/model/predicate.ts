/** Predicates and search terms: what one stage of a query matches. */
import type { Span } from './span.js';

/** The operator vocabulary of SPEC §2, shared by every language. */
export const OPS = [
  'eq',
  'match',
  'starts_with',
  'ends_with',
  'wildcard',
  'regex',
  'cidr',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
  'fieldref',
  'keyword',
] as const;

export type Op = (typeof OPS)[number];

export interface Predicate {
  type: 'predicate';
  /** The field as written in the rule; null for field-less values (Sigma keywords, free text). */
  field: string | null;
  op: Op;
  /** Values as written, with the language's escapes removed; several mean "any of" unless `all`. */
  values: string[];
  /** Effective polarity in the rule's logic (inside `not`, `!=`, a Sigma filter used as `not filter`). */
  negated: boolean;
  caseSensitive: boolean;
  /** The values must all match (Sigma `|all`, KQL `has_all`). */
  all: boolean;
  span?: Span;
  /** The table, data model or object the field belongs to (`DeviceProcessEvents`, `Processes`), for the taxonomy. */
  scope?: string;
  /** For fields computed in the query (`eval x=lower(y)`): the field(s) they derive from. */
  derivedFrom?: string[];
  /** Language-specific value transforms kept for display (Sigma `base64offset`, `windash`, `utf16le`, ...). */
  modifiers?: string[];
  /**
   * What `values` hold when they are not literals: `field`, another field's name (`a < b` keeps `lt`; equality to
   * a field is `fieldref`); `expression`, a value computed in the query as written (`strcat(...)`,
   * `LastBootTime + 5m`), or a literal compared with a value the query derives (`date_diff(...) <= 300`, the
   * derived value as `field` with `derivedFrom`); `list`, the name of a reference list or lookup (`%admins`, `in (AllowedHosts)`).
   * Absent: literal values. Indicators take literal values only.
   */
  valueKind?: 'field' | 'expression' | 'list';
}

/** A bare token matched against the raw event (SPL bare words, Sigma keywords, Lucene/KQL free text). */
export interface SearchTerm {
  type: 'term';
  value: string;
  /** Index of the stage that holds it. */
  stage: number;
  quoted: boolean;
  negated: boolean;
  span?: Span;
  /** The term keeps case (SPL `CASE(x)`); absent: matched without case. */
  caseSensitive?: boolean;
  /** The whole term between major breakers (SPL `TERM(x)`), not a segment of one. */
  whole?: boolean;
}
