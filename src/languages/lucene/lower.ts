/** Lowers a Lucene tree to one `query` stage: field clauses become predicates, free values search terms, the booleans its logic. */
import { sourceStage } from '../stage.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import type { Logic, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import { junction } from '../kuery/lower.js';
import { matchByFieldType } from '../kuery/field-types.js';
import type { LeafValue, PhraseValue, QueryNode, RegexValue, TermValue, ValueNode } from './ast.js';

interface Lowering {
  text: string;
  locator: Locator;
  predicates: Predicate[];
  terms: SearchTerm[];
}

export function lowerLucene(query: QueryNode | null, text: string, locator: Locator): Stage {
  const start = text.length - text.trimStart().length;
  const end = Math.max(start, text.trimEnd().length);
  const lowering: Lowering = { text, locator, predicates: [], terms: [] };
  const logic = query ? lowerQuery(query, false, lowering) : undefined;
  const stage: Stage = {
    ...sourceStage({ index: 0, kind: 'query', text, locator, start, end }),
    predicates: lowering.predicates,
    terms: lowering.terms,
  };
  if (logic) stage.logic = logic;
  matchByFieldType(stage.predicates);
  return stage;
}

function add(out: Lowering, predicates: Predicate[]): Logic {
  const leaves = predicates.map((p): Logic => {
    out.predicates.push(p);
    return { type: 'predicate', index: out.predicates.length - 1 };
  });
  // A range's bounds hold together; a range open at both ends matches any value of the field.
  return leaves.length === 0 ? { type: 'true' } : junction('and', leaves);
}

/** Polarity flips under NOT, `!` and `-` (kept on predicates for display); the tree carries each `not`. */
function lowerQuery(node: QueryNode, negated: boolean, out: Lowering): Logic {
  switch (node.kind) {
    case 'or':
      return occurrences(node.items, (item) => lowerQuery(item, negated, out));
    case 'and':
      return junction(
        node.kind,
        node.items.map((item) => lowerQuery(item, negated, out)),
      );
    case 'not': {
      // A run of NOTs is unwrapped in a loop: thousands of them must not exhaust the stack.
      let inner: QueryNode = node;
      let count = 0;
      for (; inner.kind === 'not'; inner = inner.item) count++;
      const operand = lowerQuery(inner, count % 2 === 1 ? !negated : negated, out);
      return count % 2 === 1 ? { type: 'not', operand } : operand;
    }
    case 'field':
      return lowerField(node.field, node.start, node.value, negated, out);
    case 'free':
      out.terms.push({
        type: 'term',
        value: 'value' in node.value ? node.value.value : out.text.slice(node.start, node.end),
        stage: 0,
        quoted: node.value.kind === 'phrase',
        negated,
        span: out.locator.span(node.start, node.end),
      });
      return { type: 'term', index: out.terms.length - 1 };
  }
}

/**
 * A clause list as Elasticsearch's query_string reads it (Lucene's occurrences, not boolean precedence): a
 * clause joined by AND is required, a NOT clause is excluded wherever it stands, and the clauses joined by OR
 * (or side by side) count only when no clause is required, one of them then being needed: `a OR b AND c` is
 * `b AND c`, `a OR NOT b` and `a -b` are `a AND NOT b`.
 */
function occurrences<T extends { kind: string }>(
  items: readonly T[],
  lower: (item: T) => Logic,
  offered: (items: T[]) => Logic[] = (list) => list.map(lower),
): Logic {
  const required: Logic[] = [];
  const excluded: Logic[] = [];
  const optional = items.filter((item) => item.kind !== 'and' && item.kind !== 'not');
  let offeredLogic: Logic[] = [];
  const place = (item: T): void => {
    if (item.kind === 'not') excluded.push(lower(item));
    else required.push(lower(item));
  };
  // Lowered in the order written, so the stage lists predicates as the query does.
  for (const item of items) {
    if (item.kind === 'and') (item as unknown as { items: T[] }).items.forEach(place);
    else if (item.kind === 'not') place(item);
    else if (item === optional[0]) offeredLogic = offered(optional);
  }
  const operands = [...required, ...excluded];
  // Optional clauses beside a required one change nothing: their predicates stay for display only.
  if (required.length === 0 && offeredLogic.length) operands.unshift(junction('or', offeredLogic));
  return operands.length === 0 ? { type: 'true' } : junction('and', operands);
}

/** `_exists_:name` names the field it tests; any other field takes its values. */
function lowerField(
  field: string,
  fieldStart: number,
  value: ValueNode,
  negated: boolean,
  out: Lowering,
): Logic {
  if (field !== '_exists_') return lowerValues(field, fieldStart, value, negated, out);
  return mapLeaves(value, negated, (leaf, polarity) =>
    'value' in leaf
      ? add(out, [predicate(leaf.value, 'exists', [], polarity, out.locator.span(fieldStart, leaf.end))])
      : { type: 'true' },
  );
}

function mapLeaves(
  node: ValueNode,
  negated: boolean,
  visit: (leaf: LeafValue, negated: boolean) => Logic,
): Logic {
  if (node.kind === 'not') return { type: 'not', operand: mapLeaves(node.item, !negated, visit) };
  if (node.kind === 'or' || node.kind === 'and')
    return junction(
      node.kind,
      node.items.map((item) => mapLeaves(item, negated, visit)),
    );
  return visit(node, negated);
}

/** Leaves side by side in one bracketed list that share an op become one predicate with several values. */
function lowerValues(
  field: string,
  fieldStart: number,
  node: ValueNode,
  negated: boolean,
  out: Lowering,
): Logic {
  if (node.kind === 'not')
    return { type: 'not', operand: lowerValues(field, fieldStart, node.item, !negated, out) };
  if (node.kind !== 'or' && node.kind !== 'and')
    return add(out, leafPredicates(field, fieldStart, node, negated, out.locator));
  if (node.kind === 'or')
    return occurrences(
      node.items,
      (item) => lowerValues(field, fieldStart, item, negated, out),
      (items) => valueList(field, fieldStart, 'or', items, negated, out),
    );
  return junction('and', valueList(field, fieldStart, 'and', node.items, negated, out));
}

/** Leaves side by side that share an op become one predicate with several values (`all` under AND). */
function valueList(
  field: string,
  fieldStart: number,
  kind: 'and' | 'or',
  items: readonly ValueNode[],
  negated: boolean,
  out: Lowering,
): Logic[] {
  const operands: Logic[] = [];
  const groups = new Map<Op, Predicate>();
  for (const item of items) {
    const op = isSingleValue(item) ? leafOp(item) : undefined;
    if (!isSingleValue(item) || op === undefined || op === 'exists') {
      operands.push(lowerValues(field, fieldStart, item, negated, out));
      continue;
    }
    const group = groups.get(op);
    if (group) {
      group.values.push(leafValue(item, op));
      group.all = kind === 'and';
      group.span = out.locator.span(fieldStart, item.end);
    } else {
      const first = leafPredicates(field, fieldStart, item, negated, out.locator)[0];
      groups.set(op, first);
      operands.push(add(out, [first]));
    }
  }
  return operands;
}

function isSingleValue(node: ValueNode): node is TermValue | PhraseValue | RegexValue {
  return node.kind === 'term' || node.kind === 'phrase' || node.kind === 'regex';
}

function leafOp(leaf: LeafValue): Op {
  if (leaf.kind === 'regex') return 'regex';
  if (leaf.kind !== 'term' || !leaf.wildcard) return 'eq';
  return leaf.value === '*' ? 'exists' : 'wildcard';
}

/**
 * The value in the model's form: a glob with its escapes, a regex anchored (Lucene's regular expressions
 * match the whole term; most of their syntax is JavaScript's).
 */
function leafValue(leaf: TermValue | PhraseValue | RegexValue, op: Op): string {
  if (leaf.kind === 'regex') return `^(?:${leaf.value})$`;
  return op === 'wildcard' && leaf.kind === 'term' ? leaf.glob : leaf.value;
}

/** A range gives a lower and an upper bound predicate (an open `*` bound gives none). */
function leafPredicates(
  field: string,
  fieldStart: number,
  leaf: LeafValue,
  negated: boolean,
  locator: Locator,
): Predicate[] {
  const span = locator.span(fieldStart, leaf.end);
  if (leaf.kind === 'compare') return [predicate(field, leaf.op, [leaf.value], negated, span)];
  if (leaf.kind === 'range') {
    const bounds: Predicate[] = [];
    if (leaf.lower !== null)
      bounds.push(predicate(field, leaf.lowerInclusive ? 'gte' : 'gt', [leaf.lower], negated, span));
    if (leaf.upper !== null)
      bounds.push(predicate(field, leaf.upperInclusive ? 'lte' : 'lt', [leaf.upper], negated, span));
    return bounds;
  }
  const op = leafOp(leaf);
  return [predicate(field, op, op === 'exists' ? [] : [leafValue(leaf, op)], negated, span)];
}

function predicate(
  field: string,
  op: Op,
  values: string[],
  negated: boolean,
  span: Predicate['span'],
): Predicate {
  // A `.caseless` field is lower-cased at index time (Elastic endpoint mappings): matching it ignores case.
  const caseSensitive = op !== 'exists' && !field.endsWith('.caseless');
  return { type: 'predicate', field, op, values, negated, caseSensitive, all: false, span };
}
