// Real-corpus test: every TOML of Elastic detection-rules read, every EQL query parsed, and the time it takes.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { readerOf, recognize } from '../registry.js';
import { readFile } from '../../analysis/read-file.js';
import { eqlLanguage } from '../../languages/eql/index.js';
import { emptyContext } from '../../languages/language.js';
import { hasError } from '../../text/diagnostics.js';
import type { RuleDocument } from '../../model/rule.js';

const root = corpusPath('elastic');

interface Tally {
  files: number;
  byLanguage: Record<string, number>;
  machineLearning: number;
  eqlFailures: string[];
  readerErrors: string[];
  ms: number;
}

function run(dir: string): { tally: Tally; rules: RuleDocument[] } {
  const tally: Tally = {
    files: 0,
    byLanguage: {},
    machineLearning: 0,
    eqlFailures: [],
    readerErrors: [],
    ms: 0,
  };
  const rules: RuleDocument[] = [];
  const started = performance.now();
  for (const path of filesUnder(dir, /\.toml$/)) {
    const text = readFileSync(path, 'utf8');
    const file = { path: relative(dir, path), text, bytes: Buffer.byteLength(text), sourceName: 'elastic' };
    const recognition = recognize(file);
    if (!recognition || !readerOf(recognition).id.startsWith('elastic')) continue;
    tally.files++;
    for (const rule of readFile(file, recognition).rules) {
      rules.push(rule);
      if (hasError(rule.diagnostics)) tally.readerErrors.push(rule.file.path);
      const language =
        rule.language ??
        (rule.context.type === 'machine_learning'
          ? 'machine_learning'
          : String(rule.metadata.queryLanguage ?? 'none'));
      tally.byLanguage[language] = (tally.byLanguage[language] ?? 0) + 1;
      if (rule.context.type === 'machine_learning') tally.machineLearning++;
      if (rule.query?.language !== 'eql') continue;
      const parsed = eqlLanguage.parse({ source: rule.query, context: emptyContext() });
      if (hasError(parsed.diagnostics))
        tally.eqlFailures.push(
          `${rule.file.path}: ${parsed.diagnostics.find((d) => d.severity === 'error')?.message}`,
        );
    }
  }
  tally.ms = performance.now() - started;
  return { tally, rules };
}

describe.skipIf(!root)('Elastic detection-rules corpus', () => {
  const { tally, rules } = root ? run(root) : { tally: undefined as unknown as Tally, rules: [] };

  test('reads every TOML file, counted by language', () => {
    console.log(
      `elastic corpus: ${tally.files} files, ${rules.length} rules, by language ${JSON.stringify(tally.byLanguage)}, read + EQL parse ${tally.ms.toFixed(0)} ms`,
    );
    expect(tally.files).toBeGreaterThan(2000);
    expect(tally.readerErrors).toEqual([]);
  });

  test('parses at least 99% of EQL queries without an error', () => {
    const eql = tally.byLanguage.eql ?? 0;
    if (tally.eqlFailures.length) console.log(tally.eqlFailures.slice(0, 20).join('\n'));
    expect(eql).toBeGreaterThan(1000);
    expect(1 - tally.eqlFailures.length / eql).toBeGreaterThanOrEqual(0.99);
  });

  test('hands kuery, lucene and ES|QL queries on with their language', () => {
    for (const language of ['kuery', 'esql', 'lucene'] as const) {
      const withQuery = rules.filter((r) => r.language === language);
      expect(withQuery.length).toBeGreaterThan(0);
      for (const r of withQuery) expect(r.query?.language).toBe(language);
    }
  });

  test('keeps machine learning rules, with metadata and no error', () => {
    const ml = rules.filter((r) => r.context.type === 'machine_learning');
    expect(ml.length).toBe(tally.machineLearning);
    expect(ml.length).toBeGreaterThan(50);
    for (const r of ml) {
      expect(r.language).toBeNull();
      expect(hasError(r.diagnostics)).toBe(false);
      expect(r.metadata.machine_learning_job_id).toBeDefined();
    }
  });

  test('places every query at its text in the file', () => {
    for (const r of rules) {
      if (!r.query || r.query.lineStarts) continue;
      expect(r.raw.slice(r.query.start.offset, r.query.start.offset + r.query.text.length)).toBe(
        r.query.text,
      );
    }
  });

  test('reads and parses the corpus in under 3 s', () => {
    expect(tally.ms).toBeLessThan(3000);
  });
});
