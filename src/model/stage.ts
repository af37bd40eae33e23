/** Stages and parsed queries: a query as an ordered pipeline of stages. */
import type { Diagnostic } from './diagnostic.js';
import type { Predicate, SearchTerm } from './predicate.js';
import type { Span } from './span.js';
import type { LanguageId } from './ids.js';

export interface Stage {
  type: 'stage';
  index: number;
  /** The language's own word for the stage, lower case: `condition`, `search`, `where`, `table`, `bucket`, ... */
  kind: string;
  /** The stage's name where the language names it (a Sigma selection's name). */
  name?: string;
  /** The exact source slice of the stage. */
  text: string;
  span?: Span;
  /** For sub-queries (EQL sequence members, KQL join/union legs, SPL subsearches): the enclosing stage's index. */
  parent?: number;
  predicates: Predicate[];
  terms: SearchTerm[];
  /**
   * The stage's boolean logic over its predicates, terms and other stages. Absent: the predicates and
   * terms are ANDed, each with its own `negated`. Inside the tree a predicate is read positively: the
   * tree's `not` nodes carry polarity, while the predicate's `negated` stays its effective polarity for display.
   */
  logic?: Logic;
  /** The aggregate the stage computes over matching events (Sigma `| count() by x > n`, correlation rules). */
  aggregation?: Aggregation;
  /**
   * Columns the stage computes (SPL `eval`, Kusto `extend`, ES|QL `EVAL`), in order: later stages, and later
   * assignments of the same stage, read `field` as the expression's value. A name bound again shadows.
   */
  assignments?: Assignment[];
  /** EQL `sequence`/`sample` and other ordered correlations over the event stream. */
  sequence?: Sequence;
  /** A join of two legs over the same event stream (Kusto `join`). */
  join?: Join;
  /**
   * Why this stage cannot be evaluated on events (a lookup, an ML job, external data), as a sentence. The
   * engine reports the rule as not evaluable with this reason instead of guessing.
   */
  notEvaluable?: string;
}

/**
 * A value computed from an event: fields, literals and calls. Call names are the model's, shared by every
 * language (lower case): operators `==` `!=` `<` `<=` `>` `>=` `+` `-` `*` `/` `%` `and` `or` `not` `in`;
 * functions such as `lower`, `upper`, `len`, `concat`, `substr`, `replace`, `trim`, `split`, `contains`,
 * `starts_with`, `ends_with`, `like` (`%`/`_` patterns), `wildcard` (`*`/`?`), `regex`, `cidr`, `if`, `case`,
 * `coalesce`, `isnull`, `isnotnull`, `isempty`, `isnotempty`, `mvcount`, `tostring`, `tonumber`, `now`. A
 * language lowers its own names onto these; the engine reports a name it does not know as not evaluable.
 */
export type Expression =
  | { type: 'field'; name: string }
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'list'; items: Expression[] }
  | { type: 'call'; name: string; args: Expression[]; caseSensitive?: boolean };

/** A computed column: `eval x=lower(y)`. */
export interface Assignment {
  field: string;
  expression: Expression;
}

/**
 * An ordered correlation of stages over the event stream (EQL `sequence by k with maxspan=5m [a] [b] until [c]`).
 * Each step is a stage whose logic selects the step's events; matches of consecutive steps share the `by` keys.
 */
export interface Sequence {
  type: 'sequence';
  /** Step stages, in order. */
  steps: number[];
  /** Keys every step shares (`sequence by host.id`). */
  by: string[];
  /** Per-step keys, aligned with `steps` (`[process where …] by process.entity_id`), joined in position. */
  stepBy?: string[][];
  windowMs?: number;
  /** A stage whose match, between steps, cancels the pending sequence for its keys. */
  until?: number;
  /** False for EQL `sample`: the steps may come in any order. */
  ordered: boolean;
}

/** A join of two stages' events on equal keys. */
export interface Join {
  type: 'join';
  /** Kusto kinds: `inner`, `innerunique`, `leftouter`, `leftanti`, `leftsemi`, `rightanti`, `rightsemi`, ... */
  kind: string;
  left: number;
  right: number;
  on: Array<{ left: string; right: string }>;
  windowMs?: number;
}

/**
 * A plain JSON boolean tree. `predicate` and `term` index into the stage's own lists; `stage` refers to
 * another stage of the query by index, whose own logic it stands for (a Sigma condition naming a selection).
 */
export type Logic =
  | { type: 'and'; operands: Logic[] }
  | { type: 'or'; operands: Logic[] }
  | { type: 'not'; operand: Logic }
  | { type: 'predicate'; index: number }
  | { type: 'term'; index: number }
  | { type: 'stage'; index: number }
  | { type: 'expression'; expression: Expression }
  | { type: 'true' }
  | { type: 'false' };

/**
 * Counting over events: the stage's predicates (`event_count gte 10`, `count(User) gt 5`) compare the
 * aggregate, per group of `groupBy` values, within `windowMs` of event time. The events counted are those
 * the stage's logic selects or, for a correlation (`rules`), the matches of the rules it names.
 */
export interface Aggregation {
  type: 'aggregation';
  /** `count`, `min`, `max`, `avg`, `sum`, `event_count`, `value_count`, `temporal`, `temporal_ordered`, ... */
  function: string;
  /** The field the function reads (`count(User)`, `value_count` of `field`). */
  field?: string;
  groupBy: string[];
  /** Time window in milliseconds (Sigma `timeframe`, correlation `timespan`); absent: the whole stream. */
  windowMs?: number;
  /** Correlation rules: the rules whose matches are counted, by id or name, in order. */
  rules?: string[];
  /** What the aggregate must satisfy: logic over the stage's predicates, which compare the aggregate. */
  threshold: Logic;
  /** Correlation rules: per-rule field names mapped to a common group-by name (`aliases`). */
  aliases?: Record<string, Record<string, string>>;
  /**
   * Pipeline languages (SPL `stats`, Kusto `summarize`, ES|QL `STATS`): the named columns the stage computes
   * per group (`count`, `dc(user) as users`). The stages after an aggregating stage filter its rows, whose
   * fields are the `groupBy` keys and these names; their threshold is then `{ type: 'true' }`.
   */
  measures?: Measure[];
}

/** One aggregate column: `count() as n`, `dc(user)`. `function` uses the names of `Aggregation.function`, plus `dc`. */
export interface Measure {
  name: string;
  function: string;
  field?: string;
}

/** Something a query reads from: a table, an index pattern, a data model, a sourcetype, an event category. */
export interface DataSourceRef {
  type: 'datasource';
  kind: 'table' | 'index' | 'datamodel' | 'sourcetype' | 'source' | 'category' | 'event_type' | 'logsource';
  value: string;
}

export interface ParsedQuery {
  type: 'query';
  language: LanguageId;
  stages: Stage[];
  /**
   * When an event matches the query, over its stages (`stage` nodes): a Sigma rule's conditions are
   * alternatives. Absent: every stage no other stage refers to must match.
   */
  logic?: Logic;
  diagnostics: Diagnostic[];
  dataSources: DataSourceRef[];
  /** Names the query refers to that could not be resolved (SPL macros, KQL lets and functions). */
  unresolved: string[];
}
