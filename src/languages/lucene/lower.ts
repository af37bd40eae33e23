/** Lowers a Lucene tree to one `query` stage: field clauses become predicates, free values become search terms. */
import { sourceStage } from '../stage.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import type { Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
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
  if (query) lowerQuery(query, false, lowering);
  return {
    ...sourceStage({ index: 0, kind: 'query', text, locator, start, end }),
    predicates: lowering.predicates,
    terms: lowering.terms,
  };
}

/** Polarity flips under NOT, `!` and `-`; AND and OR keep it. */
function lowerQuery(node: QueryNode, negated: boolean, out: Lowering): void {
  switch (node.kind) {
    case 'or':
    case 'and':
      for (const item of node.items) lowerQuery(item, negated, out);
      return;
    case 'not': {
      // A run of NOTs is unwrapped in a loop: thousands of them must not exhaust the stack.
      let inner: QueryNode = node;
      let polarity = negated;
      for (; inner.kind === 'not'; inner = inner.item) polarity = !polarity;
      lowerQuery(inner, polarity, out);
      return;
    }
    case 'field':
      lowerField(node.field, node.start, node.value, negated, out);
      return;
    case 'free':
      out.terms.push({
        type: 'term',
        value: 'value' in node.value ? node.value.value : out.text.slice(node.start, node.end),
        stage: 0,
        quoted: node.value.kind === 'phrase',
        negated,
        span: out.locator.span(node.start, node.end),
      });
  }
}

/** `_exists_:name` names the field it tests; any other field takes its values. */
function lowerField(
  field: string,
  fieldStart: number,
  value: ValueNode,
  negated: boolean,
  out: Lowering,
): void {
  if (field === '_exists_') {
    forEachLeaf(value, negated, (leaf, polarity) => {
      if ('value' in leaf)
        out.predicates.push(
          predicate(leaf.value, 'exists', [], polarity, out.locator.span(fieldStart, leaf.end)),
        );
    });
    return;
  }
  lowerValues(field, fieldStart, value, negated, out);
}

function forEachLeaf(
  node: ValueNode,
  negated: boolean,
  visit: (leaf: LeafValue, negated: boolean) => void,
): void {
  if (node.kind === 'not') forEachLeaf(node.item, !negated, visit);
  else if (node.kind === 'or' || node.kind === 'and')
    for (const item of node.items) forEachLeaf(item, negated, visit);
  else visit(node, negated);
}

/** Leaves side by side in one bracketed list that share an op become one predicate with several values. */
function lowerValues(
  field: string,
  fieldStart: number,
  node: ValueNode,
  negated: boolean,
  out: Lowering,
): void {
  if (node.kind === 'not') {
    lowerValues(field, fieldStart, node.item, !negated, out);
    return;
  }
  if (node.kind !== 'or' && node.kind !== 'and') {
    out.predicates.push(...leafPredicates(field, fieldStart, node, negated, out.locator));
    return;
  }
  const groups = new Map<Op, Predicate>();
  for (const item of node.items) {
    const op = isSingleValue(item) ? leafOp(item) : undefined;
    if (!isSingleValue(item) || op === undefined || op === 'exists') {
      lowerValues(field, fieldStart, item, negated, out);
      continue;
    }
    const group = groups.get(op);
    if (group) {
      group.values.push(item.value);
      group.all = node.kind === 'and';
      group.span = out.locator.span(fieldStart, item.end);
    } else {
      const first = leafPredicates(field, fieldStart, item, negated, out.locator)[0];
      groups.set(op, first);
      out.predicates.push(first);
    }
  }
}

function isSingleValue(node: ValueNode): node is TermValue | PhraseValue | RegexValue {
  return node.kind === 'term' || node.kind === 'phrase' || node.kind === 'regex';
}

function leafOp(leaf: LeafValue): Op {
  if (leaf.kind === 'regex') return 'regex';
  if (leaf.kind !== 'term' || !leaf.wildcard) return 'eq';
  return leaf.value === '*' ? 'exists' : 'wildcard';
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
  return [predicate(field, op, op === 'exists' ? [] : [leaf.value], negated, span)];
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
