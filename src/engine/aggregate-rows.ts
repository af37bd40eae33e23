/**
 * The rows a pipeline's aggregation makes (`stats count dc(user) as users by host`): one per group and window,
 * with the group keys and the measures as fields, tested by the stages after the aggregation.
 */
import type { EventValue, NormalizedEvent } from '../model/event.js';
import type { Logic, Measure, ParsedQuery, Stage } from '../model/stage.js';
import type { Counted } from './aggregate.js';
import { EventScope } from './fields.js';
import { compileLogic, type StageResolvers } from './logic.js';

export type Row = Record<string, EventValue>;
export type RowTest = (row: Row) => boolean;

function rowEvent(row: Row): NormalizedEvent {
  return {
    type: 'normalized-event',
    record: { type: 'event', shape: 'json', origin: { file: '', index: 0 }, data: row },
    events: [],
    fields: row,
    views: {},
    raw: JSON.stringify(row),
  };
}

/** The test of a row: the stages after the aggregation, ANDed, reading the row's fields. */
export function rowTest(query: ParsedQuery, after: Stage[], resolverOf: StageResolvers): RowTest {
  if (after.length === 0) return () => true;
  const logic: Logic = {
    type: 'and',
    operands: after.map((s): Logic => ({ type: 'stage', index: s.index })),
  };
  const compiled = compileLogic(query, logic, resolverOf);
  return (row) => compiled.test(new EventScope(rowEvent(row)));
}

function numbersOf(window: Counted[], i: number): number[] {
  const out: number[] = [];
  for (const c of window) {
    const n = Number(c.values?.[i]);
    if (c.values?.[i] !== undefined && !Number.isNaN(n)) out.push(n);
  }
  return out;
}

function present(window: Counted[], i: number): string[] {
  return window.map((c) => c.values?.[i]).filter((v): v is string => v !== undefined);
}

function measureValue(measure: Measure, window: Counted[], i: number): EventValue {
  switch (measure.function) {
    case 'count':
    case 'event_count':
      return measure.field ? present(window, i).length : window.length;
    case 'dc':
    case 'distinct_count':
    case 'value_count':
      return new Set(present(window, i)).size;
    case 'values':
      return [...new Set(present(window, i))];
    case 'first':
      return present(window, i)[0] ?? null;
    case 'last':
      return present(window, i).at(-1) ?? null;
    default: {
      const values = numbersOf(window, i);
      if (values.length === 0) return null;
      const sum = values.reduce((a, b) => a + b, 0);
      if (measure.function === 'min') return Math.min(...values);
      if (measure.function === 'max') return Math.max(...values);
      if (measure.function.endsWith('sum')) return sum;
      return sum / values.length;
    }
  }
}

/** A group's row over a window of its counted events. */
export function rowOf(groupBy: string[], measures: Measure[], window: Counted[]): Row {
  const row: Row = {};
  const first = window[0];
  groupBy.forEach((name, i) => {
    row[name] = first?.keys?.[i] ?? null;
  });
  measures.forEach((m, i) => {
    row[m.name] = measureValue(m, window, i);
  });
  return row;
}
