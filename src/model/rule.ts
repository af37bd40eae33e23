/** The rule document: one detection rule as a format reader found it, before and after its query is parsed. */
import type { Diagnostic } from './diagnostic.js';
import type { FormatId, LanguageId } from './ids.js';
import type { Position } from './span.js';
import type { ParsedQuery } from './stage.js';

/** Where a query's text sits in its file, so parsers can report file-relative positions. */
export interface QuerySource {
  language: LanguageId;
  text: string;
  /** File position of text[0]. */
  start: Position;
  /**
   * File position of the first character of each line of `text`, when the text is not a contiguous
   * slice of the file (a YAML block scalar loses its indentation). Absent: the text is contiguous from `start`.
   */
  lineStarts?: Position[];
  /** Language options the reader sets (`legacy: true` for eqllib's EQL semantics). */
  options?: Record<string, unknown>;
}

/** ATT&CK as the rule declares it; resolution against the loaded ATT&CK data happens in knowledge. */
export interface DeclaredAttack {
  /** Technique ids, upper case, `T1234` or `T1234.001`. */
  techniques: string[];
  /** Tactic ids (`TA0003`) or shortnames (`persistence`), as declared. */
  tactics: string[];
  /** Technique and tactic names the rule itself carries (Elastic `threat` blocks), keyed by id. */
  names: Record<string, string>;
}

export interface FileFacts {
  /** Path relative to the source root, with `/` separators. */
  path: string;
  lines: number;
  bytes: number;
  /** The file's format as a reader names it for people: `YAML`, `TOML`, `Markdown`, `KQL`, `YARA-L`. */
  format: string;
}

export interface RuleDocument {
  type: 'rule';
  /** The rule's own id where it has one, else `<path>` or `<path>#<n>` for files holding several rules. */
  id: string;
  title: string;
  description?: string;
  status?: string;
  severity?: string;
  authors: string[];
  date?: string;
  modified?: string;
  references: string[];
  tags: string[];
  attack: DeclaredAttack;
  /** Log source or other context the format gives (Sigma logsource, Splunk data_source, Elastic index, ...). */
  context: Record<string, string | string[]>;
  format: FormatId;
  /** Null for rules with no query (Elastic machine_learning). */
  language: LanguageId | null;
  source: { name: string; path: string };
  file: FileFacts;
  /** The text of the rule as it stands in its file (the whole file, or this rule's part of it). */
  raw: string;
  /** File position of raw[0]. */
  rawStart: Position;
  query: QuerySource | null;
  /** Everything else the format carries, kept for display and search. */
  metadata: Record<string, unknown>;
  /** Problems the reader found. */
  diagnostics: Diagnostic[];
}

/** A rule document with its query parsed. */
export interface ParsedRule {
  rule: RuleDocument;
  query: ParsedQuery | null;
}
