/** The Kusto syntax tree: statements, tabular pipelines of operators, and scalar expressions, with query offsets. */
import type { Problem } from '../kit/problem.js';

export interface Node {
  /** [start, end) offsets in the query text. */
  start: number;
  end: number;
}

export interface NameExpr extends Node {
  type: 'name';
  /** The name without brackets (`['a b']` is `a b`); a wildcard keeps its `*`. */
  name: string;
}

export interface StringExpr extends Node {
  type: 'string';
  value: string;
}

/** Numbers, timespans, booleans, `datetime(...)` and other literals kept as written. */
export interface LiteralExpr extends Node {
  type: 'literal';
  text: string;
}

/** `(a, b)` after `in`, `[a, b]` inside `dynamic(...)`. */
export interface ListExpr extends Node {
  type: 'list';
  items: Expr[];
}

/** `{ "key": value }` property bags, kept opaque. */
export interface BagExpr extends Node {
  type: 'bag';
}

export interface StarExpr extends Node {
  type: 'star';
}

export interface MemberExpr extends Node {
  type: 'member';
  object: Expr;
  name: string;
}

export interface IndexExpr extends Node {
  type: 'index';
  object: Expr;
  index: Expr;
}

export interface CallExpr extends Node {
  type: 'call';
  /** The function's name (the last segment for `cluster('c').database('d').f()`). */
  name: string;
  callee: Expr;
  args: Expr[];
}

export interface UnaryExpr extends Node {
  type: 'unary';
  op: string;
  operand: Expr;
}

export interface BinaryExpr extends Node {
  type: 'binary';
  /** Lower case as written: `and`, `==`, `!has`, `in~`, `matches regex`. */
  op: string;
  left: Expr;
  right: Expr;
}

export interface BetweenExpr extends Node {
  type: 'between';
  negated: boolean;
  operand: Expr;
  low: Expr;
  high: Expr;
}

/** `Name = value` or `(a, b) = value` in project, extend, summarize and the like. */
export interface AssignExpr extends Node {
  type: 'assign';
  names: string[];
  value: Expr;
}

/** A tabular expression: a source followed by `| operator` steps. */
export interface PipeExpr extends Node {
  type: 'pipe';
  source: Expr | Operator;
  operators: Operator[];
}

export type Expr =
  | NameExpr
  | StringExpr
  | LiteralExpr
  | ListExpr
  | BagExpr
  | StarExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | BetweenExpr
  | AssignExpr
  | PipeExpr;

/** One tabular operator. Its parts are kept by role so lowering need not know each grammar. */
export interface Operator extends Node {
  type: 'operator';
  /** Lower case: `where`, `project-away`, `join`, `order`. */
  name: string;
  /** `kind=inner`, `hint.strategy=shuffle`, `withsource=T`. */
  options: Record<string, string>;
  /** Scalar arguments in order (the predicate of `where`, the items of `project`, the `on` keys of `join`). */
  args: Expr[];
  /** Tabular arguments: the right side of `join`/`lookup`, the legs of `union`, the body of `mv-apply`. */
  tables: Expr[];
}

export interface LetStatement extends Node {
  type: 'let';
  name: string;
  value: Expr | FunctionDecl;
}

/** `(params) { body }` or `view () { body }` as a let value. */
export interface FunctionDecl extends Node {
  type: 'function';
  params: string[];
  body: Statement[];
}

export interface QueryStatement extends Node {
  type: 'query';
  expr: Expr;
}

/** `set`, `declare`, `alias`, `restrict`: kept as text, nothing to lower. */
export interface OtherStatement extends Node {
  type: 'other';
  keyword: string;
  /** Names the statement declares (`declare query_parameters(name: string)`). */
  names: string[];
}

export type Statement = LetStatement | QueryStatement | OtherStatement;

export interface Script {
  statements: Statement[];
  problems: Problem[];
}
