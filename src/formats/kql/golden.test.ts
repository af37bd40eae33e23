/** Reader golden tests: Markdown, query-file and Sentinel YAML inputs under test/golden/kql/, read and parsed. */
import { basename } from 'node:path';
import { describe, it } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { projectQuery } from '../../../test/project.js';
import type { RuleDocument } from '../../model/rule.js';
import { kustoLanguage } from '../../languages/kusto/index.js';
import { emptyContext } from '../../languages/language.js';
import type { FormatReader, SourceFile } from '../format.js';
import { sentinelReader } from '../sentinel/index.js';
import { kqlFileReader } from './file.js';
import { kqlMarkdownReader } from './markdown.js';
import { readAs } from '../registry.js';

const readers: FormatReader[] = [sentinelReader, kqlFileReader, kqlMarkdownReader];

function projectRule(rule: RuleDocument): Record<string, unknown> {
  const q = rule.query;
  return {
    id: rule.id,
    format: rule.format,
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    authors: rule.authors,
    references: rule.references,
    attack: rule.attack,
    context: rule.context,
    metadata: rule.metadata,
    query: q && {
      at: `${q.start.line}:${q.start.column}`,
      lines: q.text.split('\n').length,
      mapped: Boolean(q.lineStarts),
    },
    diagnostics: rule.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`),
  };
}

describe('kql reader golden cases', () => {
  for (const c of goldenCases('kql')) {
    it(c.name, () => {
      const file: SourceFile = {
        path: basename(c.inputPath),
        text: c.input,
        bytes: Buffer.byteLength(c.input),
        sourceName: 'golden',
      };
      const reader = readers.find((r) => r.recognize(file) !== undefined);
      if (!reader) return expectGolden('kql', c.name, { recognized: false });
      const result = readAs(reader, file)!;
      const rules = result.rules.map((rule, i) => ({
        ...projectRule(rule),
        parsed:
          rule.query &&
          projectQuery(
            kustoLanguage.parse({
              source: rule.query,
              context: emptyContext(),
              prepared: result.prepared?.[i],
            }),
          ),
      }));
      expectGolden('kql', c.name, { reader: reader.id, rules });
    });
  }
});
