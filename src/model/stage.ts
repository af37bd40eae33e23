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
