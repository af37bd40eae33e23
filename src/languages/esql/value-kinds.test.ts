// Computed columns are not filters; comparisons against fields and derived values are not literals.
import { describe, expect, it } from 'vitest';
import { indicatorsOf } from '../../analysis/indicators.js';
import { emptyContext } from '../language.js';
import { esqlLanguage } from './index.js';

const parse = (text: string) =>
  esqlLanguage.parse({
    source: { language: 'esql', text, start: { line: 1, column: 1, offset: 0 } },
    context: emptyContext(),
  });
const predicates = (text: string) =>
  parse(text).stages.flatMap((s) => s.predicates.map((p) => [p.field, p.op, p.values[0], p.valueKind]));

describe('ES|QL computed columns', () => {
  it('gives no predicate or indicator for CASE branches in EVAL or an aggregate WHERE in STATS', () => {
    const text =
      'FROM logs-endpoint.events.process-*\n| EVAL risky = CASE(process.name == "rundll32.exe", 1, 0)\n' +
      '| STATS hits = COUNT(*) WHERE process.name == "regsvr32.exe" BY host.name';
    const q = parse(text);
    expect(predicates(text)).toEqual([]);
    expect(indicatorsOf(q)).toEqual([]);
    // The engine still reads them: the column's expression and the measure.
    expect(q.stages[1].assignments?.[0]).toMatchObject({ field: 'risky', expression: { name: 'case' } });
    expect(q.stages[2].aggregation?.measures).toEqual([{ name: 'hits', function: 'count' }]);
  });
});

describe('ES|QL comparisons that are not against literals', () => {
  it('keeps the op of a field-to-field comparison, with a field value', () => {
    const text = 'FROM logs-* | WHERE process.pid < process.parent.pid AND user.name == source.user.name';
    expect(predicates(text)).toEqual([
      ['process.pid', 'lt', 'process.parent.pid', 'field'],
      ['user.name', 'fieldref', 'source.user.name', 'field'],
    ]);
    expect(indicatorsOf(parse(text))).toEqual([]);
  });

  it('reads DATE_DIFF(...) <= 300 as a predicate on a derived value, never an indicator', () => {
    const text = 'FROM logs-* | WHERE DATE_DIFF("seconds", process.start, @timestamp) <= 300';
    const q = parse(text);
    const [p] = q.stages[1].predicates;
    expect(p).toMatchObject({
      field: 'DATE_DIFF("seconds", process.start, @timestamp)',
      op: 'lte',
      values: ['300'],
      valueKind: 'expression',
      derivedFrom: ['process.start', '@timestamp'],
    });
    expect(q.stages[1].logic?.type).toBe('expression');
    expect(indicatorsOf(q)).toEqual([]);
  });
});
