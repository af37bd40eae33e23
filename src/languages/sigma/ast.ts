/** Sigma's syntax trees: the condition expression, its old-style aggregation, and the detection items it names. */
import type { Predicate, SearchTerm } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import type { Logic } from '../../model/stage.js';

/** Offsets of a condition node, into the condition string. */
interface Ranged {
  start: number;
  end: number;
}

/** A detection item named in the condition: `selection`. */
export interface NameNode extends Ranged {
  kind: 'name';
  name: string;
}

/** `1 of selection_*`, `all of them`, `any of filter_*`. */
export interface QuantifiedNode extends Ranged {
  kind: 'quantified';
  quantifier: 'one' | 'all';
  /** The pattern as written (`selection_*`), or `them` for every item. */
  target: string;
  them: boolean;
}

export interface NotNode extends Ranged {
  kind: 'not';
  operand: ConditionNode;
}

export interface BinaryNode extends Ranged {
  kind: 'and' | 'or';
  operands: ConditionNode[];
}

export type ConditionNode = NameNode | QuantifiedNode | NotNode | BinaryNode;

/** The comparison after an old-style aggregation: `> 10`. */
export interface Comparison extends Ranged {
  op: '>' | '>=' | '<' | '<=' | '=' | '==' | '!=';
  value: string;
}

/** Sigma v1's `| count(field) by other > n` (and `min`, `max`, `avg`, `sum`, `near`). */
export interface Aggregation extends Ranged {
  function: string;
  field?: string;
  groupBy: string[];
  comparison?: Comparison;
  /** `near`'s own expression over detection names. */
  near?: ConditionNode;
}

export interface Condition {
  expression?: ConditionNode;
  aggregation?: Aggregation;
}

/** A named entry under `detection:` (or a filter rule's `filter:`) with what it matches, before the condition gives it polarity. */
export interface DetectionItem {
  name: string;
  /** The exact file slice, key through value. */
  text: string;
  span: Span;
  keySpan: Span;
  /** Predicates with their own polarity (a null value is a negated `exists`); lowering applies the condition's. */
  predicates: Predicate[];
  terms: SearchTerm[];
  /** How the predicates combine (keys ANDed, list entries ORed, values ORed unless `|all`), before the condition. */
  logic: Logic;
}
