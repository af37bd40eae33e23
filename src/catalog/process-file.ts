/** Reads and analyses one file of a source: the unit of work an ingest runs, on any thread. */
import type { SourceArtifact, SourceContext } from '../model/artifact.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceFile } from '../formats/format.js';
import { readFile } from '../analysis/read-file.js';
import { analyzeRule } from '../analysis/analyze.js';
import { toRuleRow, type RuleRow } from './rule-row.js';

export interface FileOutcome {
  path: string;
  /** The reader that took the file, or null when none did (a skipped file). */
  format: string | null;
  rules: RuleRow[];
  artifacts: SourceArtifact[];
  diagnostics: Diagnostic[];
}

export function processFile(file: SourceFile, context: SourceContext): FileOutcome {
  const { reader, result } = readFile(file);
  const rules = result.rules.map((rule, i) => toRuleRow(analyzeRule(rule, context, result.prepared?.[i])));
  return {
    path: file.path,
    format: reader?.id ?? null,
    rules,
    artifacts: result.artifacts,
    diagnostics: result.diagnostics,
  };
}
