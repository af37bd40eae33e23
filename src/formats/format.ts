/** The format-reader interface: recognises a file and turns it into rule documents and source artifacts. */
import type { FormatId } from '../model/ids.js';
import type { RuleDocument } from '../model/rule.js';
import type { SourceArtifact } from '../model/artifact.js';
import type { Diagnostic } from '../model/diagnostic.js';

/** A file offered to the readers. */
export interface SourceFile {
  /** Path relative to the source root, `/`-separated. */
  path: string;
  /** The text, decoded as UTF-8 with a leading BOM removed. */
  text: string;
  bytes: number;
  /** The source's name, for rule documents. */
  sourceName: string;
}

export interface ReadResult {
  rules: RuleDocument[];
  artifacts: SourceArtifact[];
  /** Problems with the file that belong to no rule (a macros file that does not parse). */
  diagnostics: Diagnostic[];
  /**
   * In-memory hand-off to the parser, aligned with `rules` by index (Sigma: each rule's parsed YAML
   * document), so a file is not parsed twice. Never stored or sent between threads.
   */
  prepared?: unknown[];
}

export interface FormatReader {
  id: FormatId;
  /** The file's format for people: `YAML`, `TOML`, `Markdown`, `KQL`, `YARA-L`. */
  label: string;
  /**
   * The reader yields only source artifacts (macros, data sources), never rules. The ingest reads
   * such files first, since every rule of the source may need them.
   */
  artifactsOnly?: boolean;
  /**
   * Cheap test on the path and text: does this reader take the file? The first reader in registry
   * order that says yes reads it.
   */
  recognizes(file: SourceFile): boolean;
  /** Never throws on content: a file it cannot parse becomes a rule document with diagnostics. */
  read(file: SourceFile): ReadResult;
}
