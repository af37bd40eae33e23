/** The format-reader interface: recognises a file and turns it into rule documents and source artifacts. */
import type { FormatId } from '../model/ids.js';
import type { RuleDocument } from '../model/rule.js';
import type { SourceArtifact } from '../model/artifact.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PreparedQuery } from '../languages/prepared.js';

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
   * In-memory hand-off to the parsers, aligned with `rules` by index (Sigma: each rule's parsed YAML
   * documents), so a file is not parsed twice. Never stored or sent between threads.
   */
  prepared?: Array<PreparedQuery | undefined>;
}

/**
 * A reader, typed by its claim: what `recognize` learned of a file that `read` then uses instead of
 * looking again (a Markdown file's query blocks). A claim is plain data, since the ingest recognises a
 * file on its main thread and reads it on a parse worker.
 */
export interface FormatReader<Claim = unknown> {
  id: FormatId;
  /** The file's format for people: `YAML`, `TOML`, `Markdown`, `KQL`, `YARA-L`. */
  label: string;
  /**
   * The reader yields only source artifacts (macros, data sources), never rules. The ingest reads
   * such files first, since every rule of the source may need them.
   */
  artifactsOnly?: boolean;
  /**
   * Cheap test on the path and text: the reader's claim on the file, or undefined when it does not take
   * it. The first reader in registry order with a claim reads the file.
   */
  recognize(file: SourceFile): Claim | undefined;
  /**
   * For a file with this reader's own extension that `recognize` refused: why it holds nothing to read
   * (the ingest stores it as a skipped file with this as a warning). Undefined for any other file.
   */
  refusal?(file: SourceFile): string | undefined;
  /** Never throws on content: a file it cannot parse becomes a rule document with diagnostics. */
  read(file: SourceFile, claim: Claim): ReadResult;
}

/** The claim of a reader whose recognition learns nothing `read` needs. */
export type Taken = true;

/** A test on a file as a claim for readers whose recognition is a yes or no. */
export function taken(yes: boolean): Taken | undefined {
  return yes ? true : undefined;
}
