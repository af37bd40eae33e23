/** The query-language interface: a parser that turns query text into stages, predicates and diagnostics. */
import type { LanguageId } from '../model/ids.js';
import type { QuerySource } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import type { SourceContext } from '../model/artifact.js';
import type { PreparedQuery } from './prepared.js';
import type { HighlightSyntax } from './kit/define.js';
import type { Emitter } from './emit.js';

export interface ParseInput {
  /** The query and where it sits in its file. */
  source: QuerySource;
  /** Macros and data sources of the rule's source (SPL macros); empty when parsing one file. */
  context: SourceContext;
  /**
   * An in-memory hand-off from the reader that already parsed the text (Sigma: the YAML documents),
   * so a file is not parsed twice; never stored. A parser uses only its own language's payload and must
   * work without it.
   */
  prepared?: PreparedQuery;
}

export interface Language {
  id: LanguageId;
  /** The name people know it by: `Sigma`, `Splunk SPL`, `EQL`, `Kibana KQL`, `Lucene`, `ES|QL`, `Kusto KQL`, `YARA-L`. */
  label: string;
  /**
   * Other names rules and files give it (`logic_format: Splunk`, a hunt's `KQL`), matched like the id and
   * label: without case, blanks or punctuation.
   */
  aliases: readonly string[];
  highlight: HighlightSyntax;
  /**
   * Parses one query. Never throws on content: problems come back as diagnostics with file positions.
   */
  parse(input: ParseInput): ParsedQuery;
  /** Writes a condition as this language's query or rule file, listing what it could not express. */
  emit?: Emitter;
}

export function emptyContext(): SourceContext {
  return { macros: new Map(), dataSources: new Map() };
}
