/** The Kibana KQL syntax tree: boolean queries over field expressions and value lists, with query-text offsets. */

/** A run of the query text: [start, end) offsets into the query string. */
export interface Extent {
  start: number;
  end: number;
}

/** A value or field name as written; `value` has escapes removed, `wildcard` marks an unescaped `*`. */
export interface KueryLiteral extends Extent {
  kind: 'literal';
  value: string;
  quoted: boolean;
  wildcard: boolean;
  /** The value as the model's glob: `value` itself without wildcards. */
  glob: string;
}

export interface ValueOr extends Extent {
  kind: 'or';
  items: ValueNode[];
}

export interface ValueAnd extends Extent {
  kind: 'and';
  items: ValueNode[];
}

export interface ValueNot extends Extent {
  kind: 'not';
  item: ValueNode;
}

/** The right side of `field:` or a free-text expression: a literal or a boolean list of literals. */
export type ValueNode = KueryLiteral | ValueOr | ValueAnd | ValueNot;

export interface QueryOr extends Extent {
  kind: 'or';
  items: QueryNode[];
}

export interface QueryAnd extends Extent {
  kind: 'and';
  items: QueryNode[];
}

export interface QueryNot extends Extent {
  kind: 'not';
  item: QueryNode;
}

/** `field:value` or `field:(a or b)`. */
export interface FieldValue extends Extent {
  kind: 'field';
  field: KueryLiteral;
  value: ValueNode;
}

export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte';

/** `field > 5`. */
export interface FieldRange extends Extent {
  kind: 'range';
  field: KueryLiteral;
  op: RangeOperator;
  value: KueryLiteral;
}

/** `path:{ sub:value }`: the inner query's fields are relative to `path`. */
export interface Nested extends Extent {
  kind: 'nested';
  field: KueryLiteral;
  query: QueryNode;
}

/** A value with no field: searched in the default fields. */
export interface FreeText extends Extent {
  kind: 'text';
  value: ValueNode;
}

export type QueryNode = QueryOr | QueryAnd | QueryNot | FieldValue | FieldRange | Nested | FreeText;
