/** Reads and analyses one recognised file of a source: the unit of work an ingest runs, on any thread. */
import type { SourceArtifact, SourceContext } from '../model/artifact.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceFile } from '../formats/format.js';
import type { Recognition } from '../formats/registry.js';
import { readFile } from '../analysis/read-file.js';
import { analyzeRule } from '../analysis/analyze.js';
import { toRuleRow, type RuleRow } from './rule-row.js';

/** A file a reader took, with that reader's claim: recognised once, on the ingest's main thread. */
export interface RecognizedFile {
  file: SourceFile;
  recognition: Recognition;
}

export interface FileOutcome {
  path: string;
  /** The reader that took the file, or null when none did (a skipped file). */
  format: string | null;
  rules: RuleRow[];
  artifacts: SourceArtifact[];
  diagnostics: Diagnostic[];
}

export function processFile({ file, recognition }: RecognizedFile, context: SourceContext): FileOutcome {
  const result = readFile(file, recognition);
  const rules = result.rules.map((rule, i) => toRuleRow(analyzeRule(rule, context, result.prepared?.[i])));
  return {
    path: file.path,
    format: recognition.format,
    rules,
    artifacts: result.artifacts,
    diagnostics: result.diagnostics,
  };
}

/** The outcome of a file no reader took: counted as skipped, nothing read. */
export function skippedOutcome(path: string, diagnostics: Diagnostic[] = []): FileOutcome {
  return { path, format: null, rules: [], artifacts: [], diagnostics };
}
