/** The outcome for a file whose reading or parsing was stopped at the time limit: the rule is kept, with the reason. */
import { readerOf } from '../formats/registry.js';
import { unreadableRule } from '../formats/document.js';
import { diagnostic } from '../text/diagnostics.js';
import { toRuleRow } from './rule-row.js';
import type { FileOutcome, RecognizedFile } from './process-file.js';

export function timedOutOutcome({ file, recognition }: RecognizedFile, limitMs: number): FileOutcome {
  const reader = readerOf(recognition);
  const d = diagnostic(
    'error',
    `Parsing stopped after ${limitMs} ms; the rule is kept unparsed`,
    { line: 1, column: 1, offset: 0 },
    'catalog',
  );
  const rule = unreadableRule(file, reader.id, reader.label, null, [d]);
  return {
    path: file.path,
    format: reader.id,
    rules: [toRuleRow({ rule, query: null, indicators: [], events: [], diagnostics: [d], parsed: false })],
    artifacts: [],
    diagnostics: [],
  };
}
