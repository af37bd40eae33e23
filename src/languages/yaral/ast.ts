/** The YARA-L syntax tree: a rule, its sections and their expressions, each with offsets into the rule text. */

export interface Node {
  start: number;
  end: number;
}

/** `$e.principal.hostname`, `$e.additional.fields["key"]`: an event variable and a UDM path. */
export interface PathExpr extends Node {
  kind: 'path';
  variable: string;
  /** The path after the variable, as written (`principal.hostname`, `additional.fields["key"]`). */
  path: string;
}

/** `$name` alone: an event variable, a placeholder or an outcome variable. */
export interface VariableExpr extends Node {
  kind: 'variable';
  name: string;
}

/** `#e`: how many events matched a variable (condition section). */
export interface CountExpr extends Node {
  kind: 'count';
  name: string;
}

/** `%list_name`: a reference list. */
export interface ListExpr extends Node {
  kind: 'list';
  name: string;
}

export interface StringExpr extends Node {
  kind: 'string';
  value: string;
  /** Backquoted: taken as written. */
  raw: boolean;
}

export interface RegexExpr extends Node {
  kind: 'regex';
  pattern: string;
}

export interface NumberExpr extends Node {
  kind: 'number';
  /** As written (`4444`, `-1`, `0.5`). */
  text: string;
}

export interface DurationExpr extends Node {
  kind: 'duration';
  text: string;
}

/** A bare word used as a value: `true`, `false`, `null`, an enum constant. */
export interface WordExpr extends Node {
  kind: 'word';
  text: string;
}

/** `re.regex(...)`, `strings.lower(...)`, `max(...)`, `if(...)`: the name with its package. */
export interface CallExpr extends Node {
  kind: 'call';
  name: string;
  args: Expr[];
  nocase: boolean;
}

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=';

export interface CompareExpr extends Node {
  kind: 'compare';
  op: CompareOp;
  left: Expr;
  right: Expr;
  nocase: boolean;
}

/** `x in %list`, `x in regex %list`, `x in cidr %list`. */
export interface InExpr extends Node {
  kind: 'in';
  operand: Expr;
  list: ListExpr;
  mode: 'regex' | 'cidr' | null;
  nocase: boolean;
}

export interface LogicalExpr extends Node {
  kind: 'and' | 'or';
  left: Expr;
  right: Expr;
}

/** `not x` in events and outcome, `!x` in the condition. */
export interface NotExpr extends Node {
  kind: 'not';
  operand: Expr;
}

/** `any $e.f = v`, `all $e.f != v`: how a repeated field must match. */
export interface QuantifiedExpr extends Node {
  kind: 'quantified';
  quantifier: 'any' | 'all';
  operand: Expr;
}

export interface ArithmeticExpr extends Node {
  kind: 'arithmetic';
  op: '+' | '-' | '*' | '/';
  left: Expr;
  right: Expr;
}

export interface NegateExpr extends Node {
  kind: 'negate';
  operand: Expr;
}

export type Expr =
  | PathExpr
  | VariableExpr
  | CountExpr
  | ListExpr
  | StringExpr
  | RegexExpr
  | NumberExpr
  | DurationExpr
  | WordExpr
  | CallExpr
  | CompareExpr
  | InExpr
  | LogicalExpr
  | NotExpr
  | QuantifiedExpr
  | ArithmeticExpr
  | NegateExpr;

/** `key = "value"` in `meta:`. */
export interface MetaEntry extends Node {
  key: string;
  value: string;
}

export type SectionName = 'meta' | 'events' | 'match' | 'outcome' | 'condition' | 'options';

/** `$a, $b over 5m [before|after $e]`. */
export interface MatchClause extends Node {
  variables: string[];
  keyword: string;
  window: string;
}

export interface Section extends Node {
  name: SectionName;
  /** Statements of events, outcome, condition and options; empty for meta and match. */
  statements: Expr[];
  meta: MetaEntry[];
  match: MatchClause | null;
}

export interface RuleNode extends Node {
  name: string;
  sections: Section[];
}
