// The Elastic rule reader: the seed rule through the reader and the EQL parser, query positions, ML rules, bad TOML.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { sharedPath } from '../../../test/corpus.js';
import { elasticRuleReader } from './rule.js';
import { eqlLanguage } from '../../languages/eql/index.js';
import { emptyContext } from '../../languages/language.js';
import type { SourceFile } from '../format.js';

function sourceFile(path: string, text: string): SourceFile {
  return { path, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
}

const seedPath = sharedPath('seeds', 'rules', 'seed-elastic-bits-notify-cmdline.toml');

describe.skipIf(!seedPath)('the seed rule: Persistence via BITS Job Notify Cmdline', () => {
  // The body is collected even when skipped: read the seed only when it is there.
  const file = sourceFile(
    'rules/windows/persistence_via_bits_job_notify_command.toml',
    seedPath ? readFileSync(seedPath, 'utf8') : '',
  );
  const [rule] = elasticRuleReader.read(file, true).rules;
  const parsed = eqlLanguage.parse({
    source: rule?.query ?? { language: 'eql', text: '', start: { line: 1, column: 1, offset: 0 } },
    context: emptyContext(),
  });
  const predicate = (field: string) => parsed.stages[0].predicates.find((p) => p.field === field);

  test('is recognised and read with its metadata', () => {
    expect(elasticRuleReader.recognize(file)).toBeDefined();
    expect(rule.id).toBe('c3b915e0-22f3-4bf7-991d-b643513c722f');
    expect(rule.title).toBe('Persistence via BITS Job Notify Cmdline');
    expect(rule.severity).toBe('medium');
    expect(rule.status).toBe('production');
    expect(rule.date).toBe('2021/12/04');
    expect(rule.modified).toBe('2023/10/23');
    expect(rule.authors).toEqual(['Elastic']);
    expect(rule.references).toHaveLength(4);
    expect(rule.context).toEqual({
      index: ['logs-endpoint.events.*', 'winlogbeat-*', 'logs-windows.*', 'endgame-*'],
      type: 'eql',
      integration: ['endpoint', 'windows'],
    });
    expect(rule.metadata).toMatchObject({
      risk_score: 47,
      license: 'Elastic License v2',
      from: 'now-9m',
      min_stack_version: '8.3.0',
    });
    expect(rule.metadata.setup).toContain('custom ingest pipeline');
    expect(rule.diagnostics).toEqual([]);
  });

  test('declares T1197 under TA0003 with their names', () => {
    expect(rule.attack).toEqual({
      techniques: ['T1197'],
      tactics: ['TA0003'],
      names: { T1197: 'BITS Jobs', TA0003: 'Persistence' },
    });
  });

  test('has the file facts of the seed page, with the line count corrected', () => {
    // The page says 66 lines; the file has 56 newlines and a last line without one: 57 lines in an editor.
    expect(rule.file).toEqual({
      path: 'rules/windows/persistence_via_bits_job_notify_command.toml',
      lines: 57,
      bytes: 2520,
      format: 'TOML',
    });
    expect(rule.file.bytes / 1024).toBeCloseTo(2.5, 1);
  });

  test("places the query on the line after `query = '''`", () => {
    expect(rule.language).toBe('eql');
    expect(rule.query?.start).toEqual({ line: 40, column: 1, offset: file.text.indexOf('process where') });
    expect(rule.query?.lineStarts).toBeUndefined();
  });

  test('parses to the predicates the seed page shows', () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.stages).toHaveLength(1);
    expect(parsed.stages[0].kind).toBe('where');
    expect(parsed.dataSources).toEqual([{ type: 'datasource', kind: 'category', value: 'process' }]);
    expect(predicate('host.os.type')).toMatchObject({
      op: 'eq',
      values: ['windows'],
      negated: false,
      caseSensitive: true,
    });
    expect(predicate('event.type')).toMatchObject({
      op: 'eq',
      values: ['start'],
      negated: false,
      caseSensitive: true,
    });
    expect(predicate('process.parent.name')).toMatchObject({
      op: 'eq',
      values: ['svchost.exe'],
      negated: false,
      caseSensitive: false,
    });
    expect(predicate('process.parent.args')).toMatchObject({
      op: 'eq',
      values: ['BITS'],
      negated: false,
      caseSensitive: false,
    });
    expect(predicate('process.executable')).toMatchObject({
      op: 'wildcard',
      negated: true,
      caseSensitive: false,
      values: [
        '?:\\Windows\\System32\\WerFaultSecure.exe',
        '?:\\Windows\\System32\\WerFault.exe',
        '?:\\Windows\\System32\\wermgr.exe',
        '?:\\WINDOWS\\system32\\directxdatabaseupdater.exe',
      ],
    });
  });

  test('gives predicates file positions', () => {
    const span = predicate('host.os.type')!.span!;
    expect(span.start).toMatchObject({ line: 40, column: 15 });
    expect(file.text.slice(span.start.offset, span.end.offset)).toBe('host.os.type == "windows"');
    expect(predicate('process.executable')!.span!.start).toMatchObject({ line: 42, column: 5 });
  });
});

describe('query positions and languages', () => {
  const rule = (body: string) =>
    elasticRuleReader.read(
      sourceFile(
        'r.toml',
        `[metadata]\nmaturity = "production"\n\n[rule]\nrule_id = "x"\nname = "X"\n${body}`,
      ),
      true,
    ).rules[0];

  test('a basic string with escapes maps each line into the file', () => {
    const r = rule(
      'type = "eql"\nlanguage = "eql"\nquery = """\nprocess where\n  process.name : "a\\\\b.exe"\n"""\n',
    );
    expect(r.query?.text).toBe('process where\n  process.name : "a\\b.exe"\n');
    expect(r.query?.lineStarts?.map((p) => `${p.line}:${p.column}`).slice(0, 2)).toEqual(['10:1', '11:1']);
    const parsed = eqlLanguage.parse({ source: r.query!, context: emptyContext() });
    expect(parsed.stages[0].predicates[0].span?.start).toMatchObject({ line: 11, column: 3 });
  });

  test('a one-line basic string starts after its quote', () => {
    const r = rule('type = "query"\nlanguage = "kuery"\nquery = "event.dataset:aws.cloudtrail"\n');
    expect(r.language).toBe('kuery');
    expect(r.query).toMatchObject({
      language: 'kuery',
      text: 'event.dataset:aws.cloudtrail',
      start: { line: 9, column: 10 },
    });
  });

  test('type = "esql" rules are ES|QL', () => {
    expect(
      rule("type = \"esql\"\nlanguage = \"esql\"\nquery = '''\nfrom logs-* | limit 1\n'''\n").query?.language,
    ).toBe('esql');
  });

  test('a query in an unknown language is kept as metadata with a warning', () => {
    const r = rule('type = "query"\nlanguage = "sql"\nquery = "SELECT 1"\n');
    expect(r.query).toBeNull();
    expect(r.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(['warning 4:1']);
  });

  test('the query key of another table is not taken for the rule query', () => {
    const body =
      'type = "eql"\nlanguage = "eql"\nquery = \'\'\'\nany where true\n\'\'\'\n\n[[transform.osquery]]\nquery = "SELECT 1"\n';
    const r = rule(body);
    expect(r.query?.start.line).toBe(10);
    expect(r.metadata.transform).toEqual({ osquery: [{ query: 'SELECT 1' }] });
  });
});

describe('rules without a query and files that are not TOML', () => {
  test('a machine learning rule keeps its metadata with an info diagnostic', () => {
    const text =
      '[metadata]\nmaturity = "production"\n[rule]\nrule_id = "ml-1"\nname = "Rare process"\ntype = "machine_learning"\nanomaly_threshold = 50\nmachine_learning_job_id = ["rare_process"]\n';
    const [r] = elasticRuleReader.read(sourceFile('ml.toml', text), true).rules;
    expect(r).toMatchObject({
      id: 'ml-1',
      language: null,
      query: null,
      context: { type: 'machine_learning' },
    });
    expect(r.metadata).toMatchObject({ anomaly_threshold: 50, machine_learning_job_id: ['rare_process'] });
    expect(r.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column}`)).toEqual(['info 3:1']);
  });

  test('a TOML syntax error gives the raw text and an error with line and column', () => {
    const text =
      "[metadata]\nmaturity = \"production\"\n[rule]\nname = \"Broken\nquery = '''\nany where true\n'''\n";
    const [r] = elasticRuleReader.read(sourceFile('broken.toml', text), true).rules;
    expect(r.raw).toBe(text);
    expect(r.id).toBe('broken.toml');
    expect(r.query).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'error',
      line: 4,
      column: 15,
      origin: 'elastic-rule',
    });
    expect(r.diagnostics[0].message).toMatch(/^Invalid TOML: /);
  });

  test('recognises only TOML files with a [rule] table', () => {
    expect(elasticRuleReader.recognize(sourceFile('a.toml', '[hunt]\nname = "x"\n'))).toBeUndefined();
    expect(elasticRuleReader.recognize(sourceFile('a.yml', '[rule]\n'))).toBeUndefined();
    expect(elasticRuleReader.recognize(sourceFile('a.toml', '[metadata]\n[rule]\n'))).toBeDefined();
  });
});
