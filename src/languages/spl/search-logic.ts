/**
 * Lowers an SPL search expression to predicates, terms and the logic tree over them. Time modifiers, `index`,
 * and a `sourcetype` or `source` the event catalog knows choose events through the query's data sources, so in
 * the tree they hold for every event; any other selector (`sourcetype=PwSh:bootloader`, `eventtype=x`) is
 * tested on the event's own field, since no catalog event comes from it.
 */
import type { Literal, SearchNode } from './ast.js';
import type { Logic } from '../../model/stage.js';
import { TIME_MODIFIERS } from './commands.js';
import { anyOf, valuePredicate, type PredicateSink } from './predicates.js';
import { logNamed } from '../../knowledge/events/sources.js';

/** What the search lowering hands back to the pipeline: data sources it names, subsearches it holds. */
export interface SearchContext {
  sink: PredicateSink;
  dataSource(kind: 'index' | 'sourcetype' | 'source', value: string): void;
  subsearch(node: Extract<SearchNode, { kind: 'subsearch' }>): void;
}

const SELECTORS = new Set(['index', 'sourcetype', 'source', 'splunk_server']);
const LOG_SELECTORS = new Set(['sourcetype', 'source']);
const TRUE: Logic = { type: 'true' };

/** The tree of `node`; `negated` is the polarity around it (for the predicates' display), `caseSensitive` CASE(). */
export function searchLogic(
  node: SearchNode,
  negated: boolean,
  caseSensitive: boolean,
  ctx: SearchContext,
): Logic {
  switch (node.kind) {
    case 'and':
      return allOf(node.items.map((item) => searchLogic(item, negated, caseSensitive, ctx)));
    case 'or': {
      const items = node.items.map((item) => searchLogic(item, negated, caseSensitive, ctx));
      return items.some((i) => i.type === 'true') ? TRUE : anyOf(items);
    }
    case 'not': {
      const inner = searchLogic(node.item, !negated, caseSensitive, ctx);
      // A negated selector, time modifier or subsearch is not tested here; `NOT *` matches nothing.
      if (inner.type === 'true') return isEverything(node.item) ? { type: 'false' } : TRUE;
      return { type: 'not', operand: inner };
    }
    case 'compare':
      return comparison(node.field, node.op, [node.value], negated, caseSensitive, ctx, node);
    case 'in':
      return comparison(node.field, '=', node.values, negated, caseSensitive, ctx, node);
    case 'term':
      // A lone `*` matches every event: it is not a term anyone searches for.
      if (node.term.value === '*') return TRUE;
      return ctx.sink.term(node.term.value, node.term.quoted, negated, node.term);
    case 'directive': {
      const term = ctx.sink.term(node.text.value, node.text.quoted, negated, node.text, node.name);
      // `CASE(field=value)` compares the field with case; `TERM(...)` is the raw term, whatever it holds.
      if (node.inner && node.name === 'CASE') return searchLogic(node.inner, negated, true, ctx);
      if (node.inner) searchLogic(node.inner, negated, caseSensitive, ctx);
      return term;
    }
    case 'subsearch':
      ctx.subsearch(node);
      return TRUE;
  }
}

function allOf(items: Logic[]): Logic {
  const kept = items.filter((i) => i.type !== 'true');
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? kept[0] : { type: 'and', operands: kept };
}

function isEverything(node: SearchNode): boolean {
  return node.kind === 'term' && node.term.value === '*';
}

function comparison(
  field: Literal,
  op: string,
  values: Literal[],
  negated: boolean,
  caseSensitive: boolean,
  ctx: SearchContext,
  at: { start: number; end: number },
): Logic {
  const name = field.value;
  const kind = name.toLowerCase();
  if (TIME_MODIFIERS.has(kind)) return TRUE;
  if ((kind === 'index' || kind === 'sourcetype' || kind === 'source') && op === '=' && !negated) {
    for (const v of values) if (v.value !== '*') ctx.dataSource(kind, v.value);
  }
  const logic = valuePredicate(
    ctx.sink,
    name,
    op,
    values.map((v) => v.value),
    negated,
    caseSensitive,
    at,
  );
  // Field names keep case: `source` selects events, a `Source` field is a field like any other.
  if (!SELECTORS.has(name)) return logic;
  const known = !LOG_SELECTORS.has(name) || values.every((v) => logNamed(v.value) !== undefined);
  return known ? TRUE : logic;
}
