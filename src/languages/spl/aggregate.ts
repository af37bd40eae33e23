/** SPL aggregating commands (`stats`, `tstats`, `eventstats`, `top`, `rare`) as the model's measures and group keys. */
import type { Command } from './ast.js';
import type { Token } from './lexer.js';
import type { Aggregation, Measure } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';

/** SPL function names → the model's (`Aggregation.function` names, plus `dc`); others keep their own. */
const FUNCTIONS: Readonly<Record<string, string>> = lookupTable({
  c: 'count',
  count: 'count',
  dc: 'dc',
  distinct_count: 'dc',
  estdc: 'dc',
  mean: 'avg',
  avg: 'avg',
  min: 'min',
  max: 'max',
  sum: 'sum',
  values: 'values',
  // Events arrive in time order: the earliest value is the first seen, the latest the last.
  earliest: 'first',
  latest: 'last',
  first: 'first',
  last: 'last',
});

const UNITS: Readonly<Record<string, number>> = lookupTable({
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
});

/** `5m`, `1h`, `30min` in milliseconds; undefined for what is no span. */
export function spanMs(text: string): number | undefined {
  const m = /^(\d+)\s*([a-z]+)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = UNITS[(m[2] ?? 's').toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

export interface AggregateSpec {
  measures: Measure[];
  groupBy: string[];
  /** `span=` given with the command (`tstats … by _time span=1h`). */
  span?: number;
}

const isWord = (t: Token | undefined, ...words: string[]): boolean =>
  t?.type === 'word' && !t.glued && words.includes(t.text.toLowerCase());

/** Measures and group keys of an aggregating command; `top`/`rare` group by the fields they name. */
export function readAggregate(command: Command): AggregateSpec {
  const args = command.args;
  const where = command.search;
  const spec: AggregateSpec = { measures: [], groupBy: [] };
  const fieldsGroup = command.name === 'top' || command.name === 'rare';
  let grouping = fieldsGroup;
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    if (where && t.start >= where.start && t.end <= where.end) continue;
    if (isWord(t, 'by', 'groupby')) {
      grouping = true;
      continue;
    }
    if (isWord(t, 'from', 'where', 'as')) continue;
    if (
      (t.type === 'word' || t.type === 'string') &&
      args[i + 1]?.type === 'op' &&
      args[i + 1].text === '='
    ) {
      if (t.text.toLowerCase() === 'span' && args[i + 2]) spec.span = spanMs(args[i + 2].value);
      i += 2;
      continue;
    }
    if (t.type !== 'word' && t.type !== 'string') continue;
    if (grouping) spec.groupBy.push(t.value);
    else i = readMeasure(args, i, spec.measures);
  }
  if (fieldsGroup)
    spec.measures.push({ name: 'count', function: 'count' }, { name: 'percent', function: 'percent' });
  return spec;
}

/** One `fn`, `fn(field)` or `fn(eval(...))`, with its `as name`; returns the index of its last token. */
function readMeasure(args: Token[], at: number, into: Measure[]): number {
  const name = args[at].text;
  const fn = FUNCTIONS[name.toLowerCase()] ?? name.toLowerCase();
  let end = at;
  let field: string | undefined;
  let nested = false;
  if (args[at + 1]?.type === 'lparen' && args[at + 1].glued) {
    let depth = 0;
    for (end = at + 1; end < args.length; end++) {
      if (args[end].type === 'lparen') depth++;
      else if (args[end].type === 'rparen' && --depth === 0) break;
    }
    const inner = args.slice(at + 2, end);
    if (inner.length === 1 && (inner[0].type === 'word' || inner[0].type === 'string'))
      field = inner[0].value;
    else nested = inner.length > 0;
  }
  const written = args
    .slice(at, Math.min(end, args.length - 1) + 1)
    .map((t) => t.text)
    .join('');
  let column = written;
  if (isWord(args[end + 1], 'as') && args[end + 2]) {
    column = args[end + 2].value;
    end += 2;
  }
  // A function over an expression (`count(eval(x="a"))`) has no model counterpart: it keeps its SPL name.
  const measure: Measure = { name: column, function: nested ? `${fn}(eval)` : fn };
  if (field !== undefined) measure.field = field;
  into.push(measure);
  return end;
}

/** The model's aggregation of a spec: per group of keys, the measures; `_time` in the keys with a span is a window. */
export function aggregationOf(spec: AggregateSpec, binSpan: number | undefined): Aggregation {
  const span = spec.span ?? binSpan;
  const byTime = spec.groupBy.some((g) => g === '_time');
  const groupBy = span !== undefined && byTime ? spec.groupBy.filter((g) => g !== '_time') : spec.groupBy;
  const first = spec.measures[0] ?? { name: 'count', function: 'count' };
  const aggregation: Aggregation = {
    type: 'aggregation',
    function: first.function,
    groupBy,
    threshold: { type: 'true' },
    measures: spec.measures,
  };
  if (first.field !== undefined) aggregation.field = first.field;
  if (span !== undefined && byTime) aggregation.windowMs = span;
  return aggregation;
}
