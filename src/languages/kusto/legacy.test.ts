// Legacy and lenient Kusto that real collections use: old operator and comparison names, bracket-quoted parse columns.
import { describe, expect, it } from 'vitest';
import { emptyContext } from '../language.js';
import { kustoLanguage } from './index.js';

const parse = (text: string) =>
  kustoLanguage.parse({
    source: { language: 'kusto', text, start: { line: 1, column: 1, offset: 0 } },
    context: emptyContext(),
  });

describe('legacy Kusto', () => {
  it('reads mvexpand as mv-expand', () => {
    const q = parse('DeviceEvents | mvexpand Ports | where Ports == 445');
    expect(q.diagnostics).toEqual([]);
    expect(q.stages.map((s) => s.kind)).toEqual(['table', 'mv-expand', 'where']);
  });

  it('reads notcontains and notcontains_cs as negated contains', () => {
    const q = parse('T | where a notcontains "x" and b notcontains_cs "Y"');
    expect(q.diagnostics).toEqual([]);
    expect(
      q.stages[1].predicates.map((p) => [p.field, p.op, p.values[0], p.negated, p.caseSensitive]),
    ).toEqual([
      ['a', 'match', 'x', true, false],
      ['b', 'match', 'Y', true, true],
    ]);
  });

  it('reads makeset and makelist, and bracket-quoted columns in parse patterns', () => {
    expect(parse('T | summarize makeset(x), makelist(y) by z').diagnostics).toEqual([]);
    const q = parse(`AuditLogs | parse TargetResources with * "Attr: " ['Attribute Set Name'] "," *`);
    expect(q.diagnostics).toEqual([]);
  });
});
