// Comparisons against fields and computed values are not literals; bare booleans test true; conversions of literals are numbers.
import { describe, expect, it } from 'vitest';
import { indicatorsOf } from '../../analysis/indicators.js';
import { emptyContext } from '../language.js';
import { kustoLanguage } from './index.js';

const parse = (text: string) =>
  kustoLanguage.parse({
    source: { language: 'kusto', text, start: { line: 1, column: 1, offset: 0 } },
    context: emptyContext(),
  });
const predicates = (text: string) =>
  parse(text).stages.flatMap((s) => s.predicates.map((p) => [p.field, p.op, p.values[0], p.valueKind]));

describe('Kusto comparisons that are not against literals', () => {
  it('keeps the op of a field-to-field comparison, with a field value', () => {
    expect(predicates('T | where a < b')).toEqual([['a', 'lt', 'b', 'field']]);
    expect(predicates('T | where a contains b')).toEqual([['a', 'match', 'b', 'field']]);
    expect(predicates('T | where a == b')).toEqual([['a', 'fieldref', 'b', 'field']]);
  });

  it('marks computed values as expressions, which give no indicator', () => {
    const text = 'DeviceProcessEvents | where FileName == strcat("a", "b") or Timestamp > LastBootTime + 5m';
    expect(predicates(text)).toEqual([
      ['FileName', 'eq', 'strcat("a", "b")', 'expression'],
      ['Timestamp', 'gt', 'LastBootTime + 5m', 'expression'],
    ]);
    expect(indicatorsOf(parse(text))).toEqual([]);
  });

  it('reads a number conversion of a literal as the number, and a bare boolean as eq true', () => {
    expect(predicates('T | where Flags == long(0xf090013d)')).toEqual([
      ['Flags', 'eq', '4035969341', undefined],
    ]);
    expect(predicates('T | where IsInternetFacing')).toEqual([['IsInternetFacing', 'eq', 'true', undefined]]);
    expect(predicates('T | where not(IsInternetFacing)').map((p) => p[1])).toEqual(['eq']);
  });
});

describe('Kusto list names and derived values', () => {
  it('reads in (Name) of a tabular let or an unknown name as a list membership', () => {
    const text =
      'let Known = DeviceInfo | project DeviceName;\nDeviceProcessEvents\n' +
      '| where DeviceName in (Known) and AccountName !in~ (AllowedAccounts)';
    expect(predicates(text)).toEqual([
      ['DeviceName', 'eq', 'Known', 'list'],
      ['AccountName', 'eq', 'AllowedAccounts', 'list'],
    ]);
    expect(indicatorsOf(parse(text))).toEqual([]);
  });

  it('reads datetime_diff(...) <= 300 as a predicate on a derived value, never an indicator', () => {
    const text = 'DeviceProcessEvents | where datetime_diff("second", Timestamp, ProcessCreationTime) <= 300';
    const q = parse(text);
    expect(q.stages.flatMap((s) => s.predicates)).toMatchObject([
      {
        op: 'lte',
        values: ['300'],
        valueKind: 'expression',
        derivedFrom: ['Timestamp', 'ProcessCreationTime'],
      },
    ]);
    expect(indicatorsOf(q)).toEqual([]);
  });
});

describe('YARA-L reference lists', () => {
  it('are list memberships, not literal values', async () => {
    const { yaralLanguage } = await import('../yaral/index.js');
    const text = 'rule r {\n  events:\n    $e.principal.ip in %blocked_ips\n  condition:\n    $e\n}\n';
    const q = yaralLanguage.parse({
      source: { language: 'yaral', text, start: { line: 1, column: 1, offset: 0 } },
      context: emptyContext(),
    });
    const [p] = q.stages.flatMap((s) => s.predicates);
    expect(p).toMatchObject({ op: 'eq', valueKind: 'list' });
    expect(indicatorsOf(q)).toEqual([]);
  });
});
