// Hunting and eqllib readers, and the example rules under examples/elastic read and parsed end to end.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { examplesRoot } from '../../../test/corpus.js';
import { elasticHuntReader, inferHuntLanguage } from './hunt.js';
import { eqllibReader } from './eqllib.js';
import { elasticRuleReader } from './rule.js';
import { eqlLanguage } from '../../languages/eql/index.js';
import { emptyContext } from '../../languages/language.js';
import type { SourceFile } from '../format.js';

const sourceFile = (path: string, text: string): SourceFile => ({
  path,
  text,
  bytes: Buffer.byteLength(text),
  sourceName: 'test',
});

describe('hunt query languages', () => {
  test('are inferred from the query text first', () => {
    expect(inferHuntLanguage('// comment\nFROM logs-* | limit 1', ['EQL'])).toBe('esql');
    expect(inferHuntLanguage('SELECT * FROM processes;', ['ES|QL'])).toBe('sql');
    expect(inferHuntLanguage('sequence by host.id [any where true] [any where true]', [])).toBe('eql');
    expect(inferHuntLanguage('  process where process.name == "x"', [])).toBe('eql');
  });

  test('fall back to the one language the hunt declares', () => {
    expect(inferHuntLanguage('event.category:process', ['KQL'])).toBe('kuery');
    expect(inferHuntLanguage('event.category:process', ['ES|QL', 'SQL'])).toBeUndefined();
  });

  test('a Markdown tag line before a query is skipped, and the query placed after it', () => {
    const text =
      '[hunt]\nuuid = "h-1"\nname = "H"\nlanguage = ["ES|QL"]\nquery = [\n\'\'\'sql\nfrom logs-* | limit 5\n\'\'\',\n]\n';
    const [rule] = elasticHuntReader.read(sourceFile('h.toml', text), true).rules;
    expect(rule).toMatchObject({
      id: 'h-1',
      language: 'esql',
      query: { text: 'from logs-* | limit 5\n', start: { line: 7, column: 1 } },
    });
    expect(rule.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(['info 6:4']);
  });

  test('a hunt with one query keeps its uuid as the rule id', () => {
    const text =
      '[hunt]\nuuid = "h-2"\nname = "Solo"\nlanguage = ["EQL"]\nmitre = ["t1059"]\nquery = [\'\'\'any where true\'\'\']\n';
    const [rule] = elasticHuntReader.read(sourceFile('h.toml', text), true).rules;
    expect(rule).toMatchObject({
      id: 'h-2',
      title: 'Solo',
      language: 'eql',
      attack: { techniques: ['T1059'] },
    });
    expect(rule.query?.start).toMatchObject({ line: 6, column: 13 });
  });
});

describe('eqllib analytics', () => {
  test('are read with legacy EQL and tactic shortnames', () => {
    const text =
      '[analytic.metadata]\nid = "a-1"\nname = "A"\ntactics = ["Command and Control"]\ntechniques = ["T1071"]\n\n[analytic]\nquery = \'\'\'\nnetwork where process_name == "*.exe"\n\'\'\'\n';
    const file = sourceFile('a.toml', text);
    expect(eqllibReader.recognize(file)).toBeDefined();
    expect(elasticRuleReader.recognize(file)).toBeUndefined();
    const [rule] = eqllibReader.read(file, true).rules;
    expect(rule).toMatchObject({
      id: 'a-1',
      format: 'eqllib',
      attack: { tactics: ['command-and-control'], techniques: ['T1071'] },
    });
    expect(rule.query?.options).toEqual({ legacy: true });
    const parsed = eqlLanguage.parse({ source: rule.query!, context: emptyContext() });
    expect(parsed.stages[0].predicates[0]).toMatchObject({
      op: 'wildcard',
      caseSensitive: false,
      span: { start: { line: 9, column: 15 } },
    });
  });
});

describe('examples/elastic', () => {
  const dir = join(examplesRoot, 'elastic');
  const rules = readdirSync(dir)
    .filter((name) => name.endsWith('.toml'))
    .flatMap(
      (name) =>
        elasticRuleReader.read(sourceFile(`elastic/${name}`, readFileSync(join(dir, name), 'utf8')), true)
          .rules,
    );

  test('hold an EQL sequence, a kuery rule and an ES|QL rule, read without diagnostics', () => {
    expect(rules.map((r) => r.language).sort()).toEqual(['eql', 'esql', 'kuery']);
    for (const r of rules) {
      expect(r.diagnostics).toEqual([]);
      expect(r.attack.techniques.length).toBeGreaterThan(0);
    }
  });

  test('the EQL sequence parses into a sequence with two sub-queries', () => {
    const eql = rules.find((r) => r.language === 'eql')!;
    const parsed = eqlLanguage.parse({ source: eql.query!, context: emptyContext() });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.stages.map((s) => s.kind)).toEqual(['sequence', 'where', 'where']);
    expect(eql.attack.techniques).toEqual(['T1566', 'T1566.001', 'T1059']);
  });
});
