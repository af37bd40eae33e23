/** Source artifacts: files that are not rules but that rules of the same source use (macros, data sources). */
import type { Span } from './span.js';

export interface MacroDefinition {
  type: 'macro';
  name: string;
  /** Argument names, in order; the macro is keyed by name and arity. */
  args: string[];
  definition: string;
  description?: string;
  path: string;
  span?: Span;
}

export interface DataSourceDefinition {
  type: 'data_source';
  name: string;
  source?: string;
  sourcetype?: string;
  /** Event ids the data source carries, as strings. */
  eventIds: string[];
  path: string;
}

export type SourceArtifact = MacroDefinition | DataSourceDefinition;

/** What parsers may consult about the source a rule came from. */
export interface SourceContext {
  macros: Map<string, MacroDefinition>;
  dataSources: Map<string, DataSourceDefinition>;
}
