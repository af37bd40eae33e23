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
  diagnostics: Diagnostic[];
  dataSources: DataSourceRef[];
  /** Names the query refers to that could not be resolved (SPL macros, KQL lets and functions). */
  unresolved: string[];
}
