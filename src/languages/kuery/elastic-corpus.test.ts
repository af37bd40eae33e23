// Parses every kuery, Lucene and ES|QL query of the Elastic detection-rules corpus (rules and hunting) and measures it.
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { parseQuery } from '../../../test/parse.js';
import type { LanguageId } from '../../model/ids.js';
import type { ParsedQuery } from '../../model/stage.js';

interface CorpusQuery {
  path: string;
  language: LanguageId;
  text: string;
}

const root = corpusPath('elastic');
const SOURCE_COMMAND = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(from|row|show|ts)\b/i;

/** Rule queries by `rule.language` (`type = "esql"` rules are ES|QL) and hunting queries that are ES|QL pipelines. */
function corpusQueries(dir: string): CorpusQuery[] {
  const queries: CorpusQuery[] = [];
  for (const path of filesUnder(dir, /\.toml$/)) {
    const doc = parseToml(readFileSync(path, 'utf8')) as {
      rule?: { language?: string; type?: string; query?: string };
      hunt?: { language?: string[]; query?: string[] };
    };
    const rule = doc.rule;
    const language = rule?.type === 'esql' ? 'esql' : rule?.language;
    if (rule?.query && (language === 'kuery' || language === 'lucene' || language === 'esql')) {
      queries.push({ path, language, text: rule.query });
    }
    if (doc.hunt?.language?.includes('ES|QL')) {
      for (const text of doc.hunt.query ?? [])
        if (SOURCE_COMMAND.test(text)) queries.push({ path: `${path} (hunt)`, language: 'esql', text });
    }
  }
  return queries;
}

describe.skipIf(!root)('Elastic corpus: kuery, Lucene and ES|QL', () => {
  const queries = root ? corpusQueries(root) : [];
  const results = new Map<CorpusQuery, ParsedQuery>();
  const started = performance.now();
  for (const query of queries) results.set(query, parseQuery(query.language, query.text));
  const elapsed = performance.now() - started;

  const share = (
    filter: (q: CorpusQuery) => boolean,
  ): { total: number; parsed: number; failures: string[] } => {
    const chosen = queries.filter(filter);
    const failures = chosen
      .filter((q) => results.get(q)!.diagnostics.some((d) => d.severity === 'error'))
      .map((q) => `${q.path}: ${results.get(q)!.diagnostics.find((d) => d.severity === 'error')!.message}`);
    return { total: chosen.length, parsed: chosen.length - failures.length, failures };
  };

  const report = (label: string, result: ReturnType<typeof share>): void => {
    const percent = ((100 * result.parsed) / Math.max(1, result.total)).toFixed(2);
    console.log(
      `${label}: ${result.parsed}/${result.total} parsed (${percent}%)${result.failures.map((f) => `\n  ${f}`).join('')}`,
    );
  };

  it('parses ≥ 99% of kuery rules', () => {
    const result = share((q) => q.language === 'kuery');
    report('kuery', result);
    expect(result.total).toBeGreaterThan(700);
    expect(result.parsed / result.total).toBeGreaterThanOrEqual(0.99);
  });

  it('parses ≥ 99% of Lucene rules', () => {
    const result = share((q) => q.language === 'lucene');
    report('lucene', result);
    expect(result.total).toBeGreaterThan(0);
    expect(result.parsed / result.total).toBeGreaterThanOrEqual(0.99);
  });

  // Hunting queries are not validated against a cluster as rules are; the few that fail hold real syntax errors
  // (`=` for `==`, `or )`, `now(-)`, `\?` in a string), so their bar is lower.
  it('parses ≥ 98% of ES|QL rules and ≥ 95% of ES|QL hunting queries', () => {
    const rules = share((q) => q.language === 'esql' && !q.path.endsWith('(hunt)'));
    const hunts = share((q) => q.language === 'esql' && q.path.endsWith('(hunt)'));
    report('esql rules', rules);
    report('esql hunting queries', hunts);
    expect(rules.total).toBeGreaterThan(150);
    expect(rules.parsed / rules.total).toBeGreaterThanOrEqual(0.98);
    expect(hunts.parsed / Math.max(1, hunts.total)).toBeGreaterThanOrEqual(0.95);
  });

  it('parses every kuery, Lucene and ES|QL query of the corpus well under 1.5 s', () => {
    const warmStart = performance.now();
    for (const query of queries) parseQuery(query.language, query.text);
    const warm = performance.now() - warmStart;
    console.log(
      `parsed ${queries.length} queries in ${elapsed.toFixed(0)} ms cold, ${warm.toFixed(0)} ms warm`,
    );
    expect(elapsed).toBeLessThan(1500);
  });

  it('every error diagnostic has a line and a column', () => {
    for (const result of results.values()) {
      for (const d of result.diagnostics) expect(d.line >= 1 && d.column >= 1).toBe(true);
    }
  });
});
