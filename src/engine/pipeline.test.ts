// The engine over pipeline models any language lowers to: expressions, computed columns, aggregations with
// named measures filtered after, sequences with `until`, joins, and stages that refuse evaluation.
import { describe, expect, it } from 'vitest';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import type { Predicate } from '../model/predicate.js';
import type { ParsedRule } from '../model/rule.js';
import type { Expression, Stage } from '../model/stage.js';
import { processRule, testEvent } from '../../test/engine.js';
import { Hunt } from './hunt.js';

function stage(index: number, extra: Partial<Stage> = {}): Stage {
  return { type: 'stage', index, kind: 'where', text: '', predicates: [], terms: [], ...extra };
}

function eq(field: string, value: string): Predicate {
  return {
    type: 'predicate',
    field,
    op: 'eq',
    values: [value],
    negated: false,
    caseSensitive: false,
    all: false,
  };
}

const field = (name: string): Expression => ({ type: 'field', name });
const literal = (value: string | number): Expression => ({ type: 'literal', value });
const call = (name: string, ...args: Expression[]): Expression => ({ type: 'call', name, args });

function ruleOf(stages: Stage[]): ParsedRule {
  const rule = processRule('sel:\n  Image: x\ncondition: sel');
  return {
    ...rule,
    query: { type: 'query', language: 'sigma', stages, diagnostics: [], dataSources: [], unresolved: [] },
  };
}

/** The positions of the events of each firing, for the one rule. */
function fired(stages: Stage[], fields: Array<Record<string, EventValue>>): number[] {
  const hunt = new Hunt([ruleOf(stages)]);
  expect(hunt.notEvaluable).toEqual([]);
  const events: NormalizedEvent[] = fields.map((f, i) => testEvent(f, { time: 1000 * i }));
  events.forEach((e) => hunt.push(e));
  const hit = hunt.finish().hits[0];
  return (hit?.events ?? []).map((o) => events.findIndex((e) => e.record.origin === o));
}

describe('expressions and computed columns', () => {
  it('reads a column computed by an earlier stage, in predicates and expressions', () => {
    const assign = stage(0, {
      kind: 'eval',
      assignments: [{ field: 'img', expression: call('lower', field('Image')) }],
    });
    const byPredicate = stage(1, { predicates: [{ ...eq('img', 'c:\\a.exe'), caseSensitive: true }] });
    const byExpression = stage(1, {
      logic: { type: 'expression', expression: call('ends_with', field('img'), literal('\\a.exe')) },
    });
    const events = [{ Image: 'C:\\A.EXE' }, { Image: 'C:\\b.exe' }];
    expect(fired([assign, byPredicate], events)).toEqual([0]);
    expect(fired([assign, byExpression], events)).toEqual([0]);
  });

  it('evaluates the lazy forms and arithmetic', () => {
    const size = call(
      'if',
      call('>', call('len', field('CommandLine')), literal(10)),
      literal('long'),
      literal('short'),
    );
    const stages = [
      stage(0, { assignments: [{ field: 'size', expression: size }] }),
      stage(1, { predicates: [eq('size', 'long')] }),
    ];
    expect(fired(stages, [{ CommandLine: 'short' }, { CommandLine: 'a much longer one' }])).toEqual([1]);
  });

  it('reports an unknown function as not evaluable', () => {
    const hunt = new Hunt([
      ruleOf([stage(0, { logic: { type: 'expression', expression: call('geo_lookup', field('Image')) } })]),
    ]);
    expect(hunt.notEvaluable[0].reason).toBe('function geo_lookup is not evaluable');
  });
});

describe('aggregations with measures', () => {
  const stages = (threshold: number): Stage[] => [
    stage(0, { predicates: [{ ...eq('Image', 'a'), op: 'match' }] }),
    stage(1, {
      kind: 'stats',
      aggregation: {
        type: 'aggregation',
        function: 'count',
        groupBy: ['Computer'],
        threshold: { type: 'true' },
        measures: [
          { name: 'count', function: 'count' },
          { name: 'users', function: 'dc', field: 'User' },
        ],
      },
    }),
    stage(2, { logic: { type: 'expression', expression: call('>', field('users'), literal(threshold)) } }),
  ];
  const events = [
    { Image: 'a.exe', Computer: 'h1', User: 'u1' },
    { Image: 'a.exe', Computer: 'h2', User: 'u1' },
    { Image: 'a.exe', Computer: 'h1', User: 'u2' },
    { Image: 'b.exe', Computer: 'h2', User: 'u3' },
  ];

  it('filters the rows by the stages after the aggregation', () => {
    expect(fired(stages(1), events)).toEqual([0, 2]);
    expect(fired(stages(2), events)).toEqual([]);
  });
});

describe('sequences and joins', () => {
  const a = stage(1, { parent: 0, predicates: [eq('Image', 'a.exe')] });
  const b = stage(2, { parent: 0, predicates: [eq('Image', 'b.exe')] });
  const stop = stage(3, { parent: 0, predicates: [eq('Image', 'stop.exe')] });
  const sequence = (ordered: boolean): Stage =>
    stage(0, {
      kind: 'sequence',
      sequence: { type: 'sequence', steps: [1, 2], by: ['Computer'], windowMs: 5000, until: 3, ordered },
    });
  const on = (image: string, computer = 'h1'): Record<string, EventValue> => ({
    Image: image,
    Computer: computer,
  });

  it('fires on the steps in order, with the same keys, within the window', () => {
    const stages = [sequence(true), a, b, stop];
    expect(fired(stages, [on('a.exe'), on('b.exe')])).toEqual([0, 1]);
    expect(fired(stages, [on('b.exe'), on('a.exe')])).toEqual([]);
    expect(fired(stages, [on('a.exe'), on('b.exe', 'h2')])).toEqual([]);
    expect(fired(stages, [on('a.exe'), on('x'), on('x'), on('x'), on('x'), on('x'), on('b.exe')])).toEqual(
      [],
    );
  });

  it('cancels a pending sequence on until, and takes any order when unordered', () => {
    expect(fired([sequence(true), a, b, stop], [on('a.exe'), on('stop.exe'), on('b.exe')])).toEqual([]);
    expect(fired([sequence(false), a, b, stop], [on('b.exe'), on('a.exe')])).toEqual([0, 1]);
  });

  it('joins two legs on equal keys', () => {
    const left = stage(0, { predicates: [eq('Image', 'a.exe')] });
    const join = (kind: string): Stage =>
      stage(1, {
        kind: 'join',
        join: { type: 'join', kind, left: 0, right: 2, on: [{ left: 'Computer', right: 'Computer' }] },
      });
    const right = stage(2, { parent: 1, predicates: [eq('Image', 'b.exe')] });
    expect(fired([left, join('inner'), right], [on('a.exe'), on('b.exe', 'h2'), on('b.exe')])).toEqual([
      0, 2,
    ]);
    expect(fired([left, join('inner'), right], [on('a.exe'), on('b.exe', 'h2')])).toEqual([]);
    expect(fired([left, join('leftouter'), right], [on('a.exe'), on('b.exe', 'h2')])).toEqual([0]);
    const hunt = new Hunt([ruleOf([left, join('leftanti'), right])]);
    expect(hunt.notEvaluable[0].reason).toMatch(/kind=leftanti/);
  });
});

describe('stages that cannot be evaluated', () => {
  it('reports the stage reason instead of guessing', () => {
    const hunt = new Hunt([
      ruleOf([stage(0, { kind: 'lookup', notEvaluable: 'the lookup table admins is not loaded' })]),
    ]);
    expect(hunt.notEvaluable).toEqual([
      { ruleId: '00000000-0000-4000-8000-000000000001', reason: 'the lookup table admins is not loaded' },
    ]);
  });
});
