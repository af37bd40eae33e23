/** The Lucene query syntax tree: boolean clauses over field and free-text values, with query-text offsets. */

export interface Extent {
  start: number;
  end: number;
}

/** A bare term; `wildcard` marks an unescaped `*` or `?`. */
export interface TermValue extends Extent {
  kind: 'term';
  value: string;
  wildcard: boolean;
  /** The value as the model's glob: `value` itself without wildcards. */
  glob: string;
}

export interface PhraseValue extends Extent {
  kind: 'phrase';
  value: string;
}

export interface RegexValue extends Extent {
  kind: 'regex';
  value: string;
}

/** `[a TO b]`, `{a TO b}` or a mix; a bound of `*` (null here) is open. */
export interface RangeValue extends Extent {
  kind: 'range';
  lower: string | null;
  upper: string | null;
  lowerInclusive: boolean;
  upperInclusive: boolean;
}

/** `field:>5`, `field:<=10`. */
export interface CompareValue extends Extent {
  kind: 'compare';
  op: 'gt' | 'gte' | 'lt' | 'lte';
  value: string;
}

export type LeafValue = TermValue | PhraseValue | RegexValue | RangeValue | CompareValue;

export interface OrNode<T> extends Extent {
  kind: 'or';
  items: T[];
}

export interface AndNode<T> extends Extent {
  kind: 'and';
  items: T[];
}

/** `NOT x`, `!x` and `-x`. */
export interface NotNode<T> extends Extent {
  kind: 'not';
  item: T;
}

/** What follows `field:`: one value or a bracketed boolean list of values. */
export type ValueNode = LeafValue | OrNode<ValueNode> | AndNode<ValueNode> | NotNode<ValueNode>;

export interface FieldClause extends Extent {
  kind: 'field';
  field: string;
  value: ValueNode;
}

/** A value with no field: matched against the default fields. */
export interface FreeClause extends Extent {
  kind: 'free';
  value: LeafValue;
}

export type QueryNode =
  OrNode<QueryNode> | AndNode<QueryNode> | NotNode<QueryNode> | FieldClause | FreeClause;
