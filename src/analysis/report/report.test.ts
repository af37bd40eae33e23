/** The rule report: its fields from a parsed rule, its catalog-only fields, a JSON round trip and its text. */
import { describe, expect, it } from 'vitest';
import { fallbackAttack } from '../../knowledge/attack/index.js';
import { explainFile } from '../explain.js';
import { ruleReport, ruleReportText } from './index.js';

const SIGMA = `title: Bitsadmin Download
id: 11111111-2222-3333-4444-555555555555
status: test
description: Detects bitsadmin downloads. More text.
author: Someone
tags:
  - attack.t1197
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\bitsadmin.exe'
    CommandLine|contains: '/transfer'
  filter:
    User: SYSTEM
  condition: selection and not filter
level: medium
`;

function analyzed() {
  const [rule] = explainFile({
    path: 'bits.yml',
    text: SIGMA,
    bytes: SIGMA.length,
    sourceName: 'local',
  }).rules;
  return rule;
}

describe('ruleReport', () => {
  const a = analyzed();
  const report = ruleReport(
    {
      document: a.rule,
      query: a.query,
      events: a.events,
      indicators: a.indicators,
      diagnostics: a.diagnostics,
    },
    fallbackAttack(),
  );

  it('gives the rule, its stages with their file columns, and its predicates', () => {
    expect(report).toMatchObject({
      id: '11111111-2222-3333-4444-555555555555',
      title: 'Bitsadmin Download',
      format: 'sigma',
      language: 'sigma',
      status: 'test',
      severity: 'medium',
      authors: ['Someone'],
      source: { name: 'local', path: 'bits.yml' },
    });
    expect(report.key).toBeUndefined();
    expect(report.raw).toBeUndefined();
    expect(report.stages.map((s) => [s.kind, s.name, s.column])).toEqual([
      ['condition', undefined, 14],
      ['selection', 'selection', 3],
      ['filter', 'filter', 3],
    ]);
    expect(report.stages[1].predicates[0]).toEqual({
      field: 'Image',
      op: 'ends_with',
      values: ['\\bitsadmin.exe'],
      negated: false,
      caseSensitive: false,
      all: false,
    });
    expect(report.attack.techniques.map((t) => t.id)).toEqual(['T1197']);
  });

  it('keeps only the report fields of indicators', () => {
    expect(report.indicators).toContainEqual({
      field: 'User',
      canonical: 'process.user',
      op: 'eq',
      value: 'system',
      kind: 'exclusion',
      equivalence: expect.any(String),
    });
    for (const i of report.indicators)
      expect(Object.keys(i).sort()).toEqual(['canonical', 'equivalence', 'field', 'kind', 'op', 'value']);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('carries key, raw text and remote for a catalog rule', () => {
    const stored = ruleReport(
      {
        document: a.rule,
        query: a.query,
        events: [],
        indicators: [],
        diagnostics: [],
        key: 'local:bits.yml',
      },
      fallbackAttack(),
    );
    expect(stored.key).toBe('local:bits.yml');
    expect(stored.raw).toBe(SIGMA);
    expect(stored.remote).toBeNull();
  });
});

describe('ruleReportText', () => {
  it('prints the sections in the seed pages order', () => {
    const a = analyzed();
    const withCounts = a.indicators.map((i) => ({ ...i, count: 2, byLanguage: { sigma: 2 } }));
    const text = ruleReportText(
      ruleReport(
        { document: a.rule, query: a.query, events: a.events, indicators: withCounts, diagnostics: [] },
        fallbackAttack(),
      ),
    );
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Bitsadmin Download',
      '  sigma · sigma · bits.yml (18 lines, 409 bytes, YAML)',
      '  status test · severity medium',
    ]);
    expect(lines).toContain('  Stage 1: selection');
    expect(lines).toContain('    NOT User eq SYSTEM');
    expect(lines).toContain('  User [process.user] eq system  2 other rules (sigma 2)');
    expect(text.indexOf('Stages and predicates')).toBeLessThan(text.indexOf('Exclusion indicators'));
  });
});

describe('report warnings', () => {
  const reportOf = (path: string, text: string, language: 'spl' | 'eql') => {
    const [rule] = explainFile({ path, text, bytes: text.length, sourceName: 'local' }, { language }).rules;
    return ruleReport(
      {
        document: rule.rule,
        query: rule.query,
        events: rule.events,
        indicators: rule.indicators,
        diagnostics: rule.diagnostics,
      },
      fallbackAttack(),
    );
  };

  it('puts unresolved macros at the top of the text, saying what is missing', () => {
    const r = reportOf('x.spl', '`sysmon` EventCode=1 Image="*\\\\bitsadmin.exe" | `bits_filter`\n', 'spl');
    expect(r.unresolved).toEqual(['sysmon', 'bits_filter']);
    const lines = ruleReportText(r).split('\n');
    expect(lines[2]).toBe(
      '  WARNING: Unresolved macros `sysmon`, `bits_filter`: the predicates inside them are missing from the stages, indicators and events below.',
    );
  });

  it('puts a parse error at the top, with its place', () => {
    const r = reportOf('x.eql', 'process where process.name == \n', 'eql');
    const text = ruleReportText(r).split('\n');
    expect(text.find((l) => l.startsWith('  ERROR: The query does not parse:'))).toMatch(
      /at line 2, column 1\.$/,
    );
  });
});
