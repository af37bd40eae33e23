/** Lowering tests: let resolution, op mapping, polarity, scope, sub-query stages and file-relative spans. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import { emptyContext } from '../language.js';
import { kustoLanguage } from './index.js';

const predicatesOf = (query: string) => parseQuery('kusto', query).stages.flatMap((s) => s.predicates);

describe('kusto lowering', () => {
  it('resolves a let list into has_any: C match [a, b]', () => {
    const [p] = predicatesOf('let x = dynamic(["a","b"]); T | where C has_any (x)');
    expect(p).toMatchObject({
      field: 'C',
      op: 'match',
      values: ['a', 'b'],
      negated: false,
      caseSensitive: false,
      all: false,
      scope: 'T',
    });
  });

  it('gives ProcessCommandLine match /transfer, case-insensitive, scoped to DeviceProcessEvents', () => {
    const parsed = parseQuery('kusto', 'DeviceProcessEvents | where ProcessCommandLine has "/transfer"');
    expect(parsed.stages.map((s) => s.kind)).toEqual(['table', 'where']);
    expect(parsed.stages[1].predicates[0]).toMatchObject({
      field: 'ProcessCommandLine',
      op: 'match',
      values: ['/transfer'],
      caseSensitive: false,
      negated: false,
      scope: 'DeviceProcessEvents',
    });
    expect(parsed.dataSources).toEqual([{ type: 'datasource', kind: 'table', value: 'DeviceProcessEvents' }]);
  });

  it('maps each comparison to the model op with its case sensitivity and polarity', () => {
    const ps = predicatesOf(
      'T | where a == "1" and b =~ "2" and c !in~ ("3") and d has_all ("4", "5") and e !startswith_cs "6" and f hassuffix "7" and g matches regex "8"',
    );
    expect(ps.map((p) => [p.field, p.op, p.caseSensitive, p.negated, p.all])).toEqual([
      ['a', 'eq', true, false, false],
      ['b', 'eq', false, false, false],
      ['c', 'eq', false, true, false],
      ['d', 'match', false, false, true],
      ['e', 'starts_with', true, true, false],
      ['f', 'ends_with', false, false, false],
      ['g', 'regex', true, false, false],
    ]);
  });

  it('pushes not() through and/or by polarity', () => {
    const ps = predicatesOf('T | where not(a == "x" or not(b has "y")) and isempty(c)');
    expect(ps.map((p) => [p.field, p.op, p.negated])).toEqual([
      ['a', 'eq', true],
      ['b', 'match', false],
      ['c', 'exists', true],
    ]);
  });

  it('keeps each sub-query its own table and its parent stage', () => {
    const parsed = parseQuery(
      'kusto',
      'A | where x == 1 | join kind=inner (B | where y == 2) on k | union (C | where z == 3)',
    );
    expect(parsed.stages.map((s) => [s.kind, s.parent, s.predicates[0]?.scope])).toEqual([
      ['table', undefined, undefined],
      ['where', undefined, 'A'],
      ['join', undefined, undefined],
      ['table', 2, undefined],
      ['where', 2, 'B'],
      ['union', undefined, undefined],
      ['table', 5, undefined],
      ['where', 5, 'C'],
    ]);
    expect(parsed.dataSources.map((d) => d.value)).toEqual(['A', 'B', 'C']);
  });

  it('lists let names and tables it cannot resolve, and keeps lets out of the data sources', () => {
    const parsed = parseQuery(
      'kusto',
      'let t = DeviceEvents | where a == 1;\nt | where b in (missingList) | join (_GetWatchlist("vip")) on c',
    );
    expect(parsed.unresolved).toEqual(['missingList', '_GetWatchlist']);
    expect(parsed.dataSources.map((d) => d.value)).toEqual(['DeviceEvents']);
    // The unknown name is a list the rule reads: a membership by name, never a literal value.
    const where = parsed.stages.find((s) => s.kind === 'where' && s.parent === undefined);
    expect(where?.predicates.map((p) => [p.field, p.op, p.values, p.valueKind])).toEqual([
      ['b', 'eq', ['missingList'], 'list'],
    ]);
  });

  it('maps spans to the file through the query source', () => {
    const parsed = kustoLanguage.parse({
      source: {
        language: 'kusto',
        text: 'T\n| where a == "x"',
        start: { line: 10, column: 3, offset: 200 },
        lineStarts: [
          { line: 10, column: 3, offset: 200 },
          { line: 11, column: 3, offset: 205 },
        ],
      },
      context: emptyContext(),
    });
    expect(parsed.stages[1].span?.start).toEqual({ line: 11, column: 5, offset: 207 });
    expect(parsed.stages[1].predicates[0].span?.start).toEqual({ line: 11, column: 11, offset: 213 });
  });
});
