/** The ES|QL syntax tree: a pipeline of commands over expressions, with query-text offsets. */

export interface Extent {
  start: number;
  end: number;
}

export interface FieldRef extends Extent {
  kind: 'field';
  name: string;
}

export interface Literal extends Extent {
  kind: 'literal';
  /** `missing` stands where an expression could not be parsed (the problem is reported). */
  type: 'string' | 'number' | 'boolean' | 'null' | 'timespan' | 'param' | 'missing';
  /** Strings: unescaped; others: as written. */
  value: string;
}

export interface Call extends Extent {
  kind: 'call';
  /** Lower case: `to_lower`, `count`, `case`. */
  name: string;
  args: Expr[];
}

/** `and`, `or`, comparisons (`==`, `!=`, `<`, `<=`, `>`, `>=`, `=~`) and arithmetic. */
export interface Binary extends Extent {
  kind: 'binary';
  op: string;
  left: Expr;
  right: Expr;
}

export interface Unary extends Extent {
  kind: 'not' | 'neg';
  operand: Expr;
}

export interface InList extends Extent {
  kind: 'in';
  operand: Expr;
  list: Expr[];
  negated: boolean;
}

/** `LIKE` (glob `*` and `?`) or `RLIKE` (regex), with one pattern or a list. */
export interface Like extends Extent {
  kind: 'like' | 'rlike';
  operand: Expr;
  patterns: Expr[];
  negated: boolean;
}

/** `x IS NULL`; `negated` for `IS NOT NULL`. */
export interface IsNull extends Extent {
  kind: 'isnull';
  operand: Expr;
  negated: boolean;
}

/** The full-text match operator `field : "query"`. */
export interface MatchOp extends Extent {
  kind: 'match';
  operand: Expr;
  query: Expr;
}

export interface Cast extends Extent {
  kind: 'cast';
  operand: Expr;
  type: string;
}

/** `[a, b]` lists and `{ "k": v }` maps (options of functions and commands), kept as their items. */
export interface Collection extends Extent {
  kind: 'list' | 'map';
  items: Expr[];
}

export type Expr =
  FieldRef | Literal | Call | Binary | Unary | InList | Like | IsNull | MatchOp | Cast | Collection;

/** `name = expr` or a bare `expr` (EVAL, ROW, STATS, ENRICH WITH, RENAME); STATS aggregates may carry `WHERE`. */
export interface Assignment extends Extent {
  name: string | null;
  expr: Expr;
  filter?: Expr;
}

/** An index pattern, enrich policy or lookup index as written. */
export interface SourceName extends Extent {
  name: string;
}

/**
 * One command of the pipeline. `name` is the command in lower case with words single-spaced (`lookup join`,
 * `inline stats`); the other fields hold what that command has:
 * FROM/TS `sources` + `metadata`; WHERE `condition`; EVAL/ROW `assignments`; STATS `assignments` + `groups`;
 * KEEP/DROP `patterns`; RENAME `assignments` (new name = old field); SORT/MV_EXPAND/LIMIT/DISSECT/GROK/LOOKUP JOIN
 * `expressions` (DISSECT/GROK also `patterns`); ENRICH `sources` (the policy), `expressions` (ON), `assignments` (WITH).
 */
export interface Command extends Extent {
  name: string;
  sources: SourceName[];
  metadata: string[];
  condition?: Expr;
  assignments: Assignment[];
  groups: Assignment[];
  expressions: Expr[];
  patterns: string[];
}
