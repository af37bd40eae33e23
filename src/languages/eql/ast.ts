/** The EQL syntax tree: queries, sequence terms, pipes and expressions, each with offsets into the query text. */

export interface Node {
  start: number;
  end: number;
}

export interface FieldExpr extends Node {
  kind: 'field';
  name: string;
  optional: boolean;
}

export interface StringExpr extends Node {
  kind: 'string';
  value: string;
}

export interface NumberExpr extends Node {
  kind: 'number';
  /** As written (`255`, `-1`, `0.5`). */
  text: string;
}

export interface BooleanExpr extends Node {
  kind: 'boolean';
  value: boolean;
}

export interface NullExpr extends Node {
  kind: 'null';
}

export interface LogicalExpr extends Node {
  kind: 'and' | 'or';
  operands: Expr[];
}

export interface NotExpr extends Node {
  kind: 'not';
  operand: Expr;
}

/** `==`, `!=`, `<`, `<=`, `>`, `>=`, and `=` (legacy equality). */
export interface CompareExpr extends Node {
  kind: 'compare';
  op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '=';
  left: Expr;
  right: Expr;
}

/** `x : v`, `x : (a, b)`, `x like~ v`, `x regex (a, b)`: an operator against one value or a list. */
export interface MatchExpr extends Node {
  kind: 'match';
  op: ':' | 'like' | 'like~' | 'regex' | 'regex~';
  left: Expr;
  values: Expr[];
}

/** `x in (a, b)`, `x in~ (...)`, `x not in (...)`. */
export interface InExpr extends Node {
  kind: 'in';
  left: Expr;
  values: Expr[];
  insensitive: boolean;
  negated: boolean;
}

export interface CallExpr extends Node {
  kind: 'call';
  /** As written, with a trailing `~` for the case-insensitive form. */
  name: string;
  args: Expr[];
}

/** Arithmetic (`a + 1`) and unary minus. */
export interface ArithmeticExpr extends Node {
  kind: 'arithmetic';
  op: '+' | '-' | '*' | '/' | '%';
  left: Expr | null;
  right: Expr;
}

/** Legacy `descendant of [process where ...]`, `child of [...]`, `event of [...]`. */
export interface RelationExpr extends Node {
  kind: 'relation';
  relation: string;
  query: EventQuery;
}

/** What was there when the expression could not be read. */
export interface ErrorExpr extends Node {
  kind: 'error';
}

export type Expr =
  | FieldExpr
  | StringExpr
  | NumberExpr
  | BooleanExpr
  | NullExpr
  | LogicalExpr
  | NotExpr
  | CompareExpr
  | MatchExpr
  | InExpr
  | CallExpr
  | ArithmeticExpr
  | RelationExpr
  | ErrorExpr;

/** `process where ...`, `any where ...`. */
export interface EventQuery extends Node {
  kind: 'event';
  category: string;
  condition: Expr | null;
}

/** One `[...]` of a sequence, sample or join, with its own join keys and `with runs=N`. */
export interface SequenceTerm extends Node {
  query: EventQuery;
  by: Expr[];
  runs?: number;
  /** `![...]`: an event that must not occur. */
  missing: boolean;
}

export interface SequenceQuery extends Node {
  kind: 'sequence' | 'sample' | 'join';
  by: Expr[];
  /** As written: `10s`, `1h`. */
  maxspan?: string;
  terms: SequenceTerm[];
  until?: SequenceTerm;
}

export interface Pipe extends Node {
  name: string;
  args: Expr[];
}

export interface Query {
  head: EventQuery | SequenceQuery | null;
  pipes: Pipe[];
}
