/**
 * Aggregates over event time: per group of `groupBy` values, a sliding window of `windowMs` (the whole stream
 * without one) fires when its aggregate passes the threshold; the window then starts again after it.
 */
import type { EventOrigin } from '../model/event.js';
import type { CompiledAggregate } from './compile.js';
import { rowOf } from './aggregate-rows.js';

/** A counted match: when, where, its group, the value the function reads, and for correlations which rule. */
export interface Counted {
  time: number;
  origin: EventOrigin;
  group: string;
  value?: string;
  /** Position of the matching rule in the correlation's `rules`, or of the step in a sequence (-1: `until`). */
  rule?: number;
  /** Pipelines: the group's key values as read, and the value of each measure's field. */
  keys?: string[];
  values?: Array<string | undefined>;
}

function numbers(window: Counted[]): number[] {
  return window.map((c) => Number(c.value)).filter((n) => !Number.isNaN(n));
}

function distinct(window: Counted[]): number {
  return new Set(window.filter((c) => c.value !== undefined).map((c) => c.value!.toLowerCase())).size;
}

/**
 * Whether the window holds every rule (or step), in order when `ordered`, each from another event; an `until`
 * match (-1) cancels what came before it.
 */
function temporal(window: Counted[], rules: number, ordered: boolean): boolean {
  let next = 0;
  let last: Counted['origin'] | undefined;
  const seen = new Set<number>();
  for (const c of window) {
    if (c.rule === -1) {
      next = 0;
      seen.clear();
    } else if (!ordered) seen.add(c.rule!);
    else if (c.rule === next && c.origin !== last) {
      next++;
      last = c.origin;
    }
    if ((ordered ? next : seen.size) >= rules) return true;
  }
  return false;
}

function aggregateValue(aggregate: CompiledAggregate, window: Counted[]): number | boolean {
  const { spec } = aggregate;
  switch (spec.function) {
    case 'count':
      return spec.field ? distinct(window) : window.length;
    case 'event_count':
      return window.length;
    case 'value_count':
      return distinct(window);
    case 'temporal':
    case 'temporal_ordered':
      return temporal(window, spec.rules?.length ?? 0, spec.function === 'temporal_ordered');
    default: {
      const values = numbers(window);
      if (values.length === 0) return NaN;
      const sum = values.reduce((a, b) => a + b, 0);
      if (spec.function === 'min') return Math.min(...values);
      if (spec.function === 'max') return Math.max(...values);
      if (spec.function === 'sum' || spec.function === 'value_sum') return sum;
      return sum / values.length;
    }
  }
}

function passes(aggregate: CompiledAggregate, window: Counted[]): boolean {
  const { rows } = aggregate;
  if (rows) return rows.test(rowOf(aggregate.spec.groupBy, rows.measures, window));
  const value = aggregateValue(aggregate, window);
  if (typeof value === 'boolean') {
    // A temporal correlation may still carry a threshold on the number of rules seen.
    return (
      value &&
      (aggregate.stage.predicates.length === 0 ||
        aggregate.threshold(new Set(window.map((c) => c.rule)).size))
    );
  }
  return !Number.isNaN(value) && aggregate.threshold(value);
}

/** The firings of an aggregate: each the events of the window that fired. */
export function firings(aggregate: CompiledAggregate, counted: Counted[]): EventOrigin[][] {
  const groups = new Map<string, Counted[]>();
  for (const c of counted) {
    const list = groups.get(c.group);
    if (list) list.push(c);
    else groups.set(c.group, [c]);
  }
  const out: EventOrigin[][] = [];
  const windowMs = aggregate.spec.windowMs;
  for (const list of groups.values()) {
    list.sort((a, b) => a.time - b.time);
    if (windowMs === undefined) {
      if (passes(aggregate, list)) out.push(list.map((c) => c.origin));
      continue;
    }
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end].time - list[start].time > windowMs) start++;
      const window = list.slice(start, end + 1);
      if (passes(aggregate, window)) {
        out.push(window.map((c) => c.origin));
        start = end + 1;
      }
    }
  }
  return out;
}
