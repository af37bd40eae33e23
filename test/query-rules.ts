/** Rules built in tests from a query in any language, with the context (logsource, index, data source) a reader would give. */
import type { LanguageId } from '../src/model/ids.js';
import type { ParsedRule, RuleDocument } from '../src/model/rule.js';
import { parseRule } from '../src/analysis/parse-rule.js';
import { emptyContext } from '../src/languages/language.js';

let count = 0;

export function queryRule(
  language: LanguageId,
  text: string,
  context: Record<string, string | string[]> = {},
  title = `${language} rule ${++count}`,
): ParsedRule {
  const rule: RuleDocument = {
    type: 'rule',
    id: title,
    title,
    authors: [],
    references: [],
    tags: [],
    attack: { techniques: [], tactics: [], names: {} },
    context,
    format: 'query',
    language,
    source: { name: 'test', path: `${title}.txt` },
    file: { path: `${title}.txt`, lines: 1, bytes: text.length, format: 'text' },
    raw: text,
    rawStart: { line: 1, column: 1, offset: 0 },
    query: { language, text, start: { line: 1, column: 1, offset: 0 } },
    metadata: {},
    diagnostics: [],
  };
  return parseRule(rule, emptyContext());
}
