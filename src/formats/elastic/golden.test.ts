// Golden tests for the Elastic readers: test/golden/elastic/*.toml read into rule documents, EQL queries parsed.
import { describe, expect, test } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { projectQuery } from '../../../test/project.js';
import { eqlLanguage } from '../../languages/eql/index.js';
import { emptyContext } from '../../languages/language.js';
import type { RuleDocument } from '../../model/rule.js';
import type { Position } from '../../model/span.js';
import type { FormatReader } from '../format.js';
import { elasticRuleReader } from './rule.js';
import { elasticHuntReader } from './hunt.js';
import { eqllibReader } from './eqllib.js';
import { readAs } from '../registry.js';

const readers: FormatReader[] = [elasticRuleReader, elasticHuntReader, eqllibReader];
const at = (p: Position) => `${p.line}:${p.column}`;

/** What a reviewer checks in a rule document; the raw text and file-wide spans are left out. */
function projectRule(rule: RuleDocument): Record<string, unknown> {
  const { raw: _raw, rawStart: _rawStart, source: _source, query, diagnostics, ...fields } = rule;
  return {
    ...fields,
    query: query && {
      language: query.language,
      at: at(query.start),
      ...(query.lineStarts ? { lineStarts: query.lineStarts.map(at) } : {}),
      ...(query.options ? { options: query.options } : {}),
      text: query.text,
    },
    diagnostics: diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`),
    // Only EQL is parsed here; the other languages belong to their own parsers' tests.
    parsed:
      query?.language === 'eql'
        ? projectQuery(eqlLanguage.parse({ source: query, context: emptyContext() }))
        : null,
  };
}

describe('Elastic reader golden cases', () => {
  for (const c of goldenCases('elastic')) {
    test(c.name, () => {
      const file = {
        path: `${c.name}.toml`,
        text: c.input,
        bytes: Buffer.byteLength(c.input),
        sourceName: 'golden',
      };
      const reader = readers.find((r) => r.recognize(file) !== undefined);
      expect(reader).toBeDefined();
      const result = readAs(reader!, file)!;
      expectGolden('elastic', c.name, { format: reader!.id, rules: result.rules.map(projectRule) });
      const errors = result.rules
        .flatMap((r) => projectRule(r).diagnostics as string[])
        .filter((d) => d.startsWith('error'));
      const parseErrors = result.rules.flatMap((r) =>
        ((projectRule(r).parsed as { diagnostics?: string[] } | null)?.diagnostics ?? []).filter((d) =>
          d.startsWith('error'),
        ),
      );
      if (c.name.startsWith('_errors_/')) expect(errors.length + parseErrors.length).toBeGreaterThan(0);
      else expect([...errors, ...parseErrors]).toEqual([]);
    });
  }
});
