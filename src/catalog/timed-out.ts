/** The outcome for a file whose reading or parsing was stopped at the time limit: the rule is kept, with the reason. */
import type { SourceFile } from '../formats/format.js';
import { readerFor } from '../formats/registry.js';
import { unreadableRule } from '../formats/document.js';
import { diagnostic } from '../text/diagnostics.js';
import { toRuleRow } from './rule-row.js';
import type { FileOutcome } from './process-file.js';

export function timedOutOutcome(file: SourceFile, limitMs: number): FileOutcome {
  const reader = readerFor(file);
  const d = diagnostic(
    'error',
    `Parsing stopped after ${limitMs} ms; the rule is kept unparsed`,
    { line: 1, column: 1, offset: 0 },
    'catalog',
  );
  if (!reader) return { path: file.path, format: null, rules: [], artifacts: [], diagnostics: [d] };
  const rule = unreadableRule(file, reader.id, reader.label, null, [d]);
  return {
    path: file.path,
    format: reader.id,
    rules: [toRuleRow({ rule, query: null, indicators: [], events: [], diagnostics: [d], parsed: false })],
    artifacts: [],
    diagnostics: [],
  };
}
