/** Several queries in one KQL file or block, and queries that do not parse or sit under a heading with no fence. */
import { describe, expect, it } from 'vitest';
import { kustoLanguage } from '../../languages/kusto/index.js';
import { emptyContext } from '../../languages/language.js';
import type { SourceFile } from '../format.js';
import { readAs } from '../registry.js';
import { kqlFileReader } from './file.js';
import { kqlMarkdownReader } from './markdown.js';

const file = (path: string, text: string): SourceFile => ({
  path,
  text,
  bytes: text.length,
  sourceName: 'test',
});

const TWO_QUERIES = [
  '// Sign-ins from a known bad address',
  '// Microsoft Sentinel query',
  'SigninLogs',
  '| where IPAddress == "203.0.113.7"',
  '',
  '// Advanced Hunting query',
  'AADSignInEventsBeta',
  '| where IPAddress == "203.0.113.7"',
  '',
].join('\n');

const parse = (rule: { query: unknown }) =>
  kustoLanguage.parse({ source: rule.query as never, context: emptyContext() });

describe('several queries in one file', () => {
  it('gives each query of a .kql file its own rule, stages and table', () => {
    const { rules } = readAs(kqlFileReader, file('hunt/bad-ip.kql', TWO_QUERIES))!;
    expect(rules.map((r) => [r.id, r.title])).toEqual([
      ['hunt/bad-ip.kql#1', 'Sign-ins from a known bad address'],
      ['hunt/bad-ip.kql#2', 'Sign-ins from a known bad address #2'],
    ]);
    const [first, second] = rules.map(parse);
    expect(first.diagnostics).toEqual([]);
    expect(second.diagnostics).toEqual([]);
    expect(first.dataSources.map((d) => d.value)).toEqual(['SigninLogs']);
    expect(second.dataSources.map((d) => d.value)).toEqual(['AADSignInEventsBeta']);
    expect(second.stages.flatMap((s) => s.predicates).map((p) => p.scope)).toEqual(['AADSignInEventsBeta']);
    expect(rules[1].query?.start.line).toBe(6);
  });

  it('splits a fence numbered Query #1, Query #2, each query with its own let binding', () => {
    const md = [
      '# Hash hunt',
      '## Query',
      '```KQL',
      '// Query #1',
      'let Hash = "aaaa";',
      'DeviceFileEvents',
      '| where SHA256 == Hash',
      '// Query #2',
      'let Hash = "bbbb";',
      'DeviceProcessEvents',
      '| where SHA256 == Hash',
      '```',
      '',
    ].join('\n');
    const claim = kqlMarkdownReader.recognize(file('hash.md', md));
    expect(claim).toBeDefined();
    const { rules } = kqlMarkdownReader.read(file('hash.md', md), claim!);
    expect(rules.map((r) => r.title)).toEqual(['Hash hunt — Query', 'Hash hunt — Query #2']);
    const values = rules.map(parse).map((q) => q.stages.flatMap((s) => s.predicates).map((p) => p.values));
    expect(values).toEqual([[['aaaa']], [['bbbb']]]);
  });
});

describe('files that look like queries are never dropped', () => {
  it('reads a .txt or extension-less query that does not parse, with its problem', () => {
    const broken = 'DeviceProcessEvents\n| where FileName =~ "cmd.exe" and (\n| project Timestamp\n';
    for (const path of ['notes/broken.txt', 'hunting/broken-query']) {
      const { rules } = readAs(kqlFileReader, file(path, broken))!;
      expect(rules).toHaveLength(1);
      expect(parse(rules[0]).diagnostics.some((d) => d.severity === 'error')).toBe(true);
    }
    expect(kqlFileReader.recognize(file('LICENSE', 'MIT License\n\nCopyright (c) 2024\n'))).toBeUndefined();
  });

  it('reads a query under a ## Query heading written without a fence', () => {
    const md = [
      '# Rare parent of cmd',
      'Finds cmd.exe started by Office.',
      '## Query',
      'DeviceProcessEvents',
      '| where InitiatingProcessFileName =~ "winword.exe"',
      '| where FileName =~ "cmd.exe"',
      '',
      '## References',
      '- https://example.org/',
    ].join('\n');
    const claim = kqlMarkdownReader.recognize(file('rare.md', md));
    expect(claim).toBeDefined();
    const { rules } = kqlMarkdownReader.read(file('rare.md', md), claim!);
    expect(rules).toHaveLength(1);
    const q = parse(rules[0]);
    expect(q.diagnostics).toEqual([]);
    expect(q.stages.flatMap((s) => s.predicates).map((p) => p.values[0])).toEqual(['winword.exe', 'cmd.exe']);
  });
});
