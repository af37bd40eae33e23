/** Lowers a Kibana KQL tree to one `query` stage: field expressions become predicates, free text becomes search terms. */
import { sourceStage } from '../stage.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import type { Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { KueryLiteral, QueryNode, ValueNode } from './ast.js';

interface Lowering {
  locator: Locator;
  predicates: Predicate[];
  terms: SearchTerm[];
}

/** The stage for the whole query; `text` is the query without its surrounding whitespace. */
export function lowerKuery(query: QueryNode | null, text: string, locator: Locator): Stage {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const lowering: Lowering = { locator, predicates: [], terms: [] };
  if (query) lowerQuery(query, false, '', lowering);
  return {
    ...sourceStage({ index: 0, kind: 'query', text, locator, start, end: Math.max(start, end) }),
    predicates: lowering.predicates,
    terms: lowering.terms,
  };
}

/** `negated` is the polarity so far; `not` flips it, and/or keep it (De Morgan changes the connective, not the polarity). */
function lowerQuery(node: QueryNode, negated: boolean, prefix: string, out: Lowering): void {
  switch (node.kind) {
    case 'or':
    case 'and':
      for (const item of node.items) lowerQuery(item, negated, prefix, out);
      return;
    case 'not': {
      // A run of `not`s is unwrapped in a loop: thousands of them must not exhaust the stack.
      let inner: QueryNode = node;
      let polarity = negated;
      for (; inner.kind === 'not'; inner = inner.item) polarity = !polarity;
      lowerQuery(inner, polarity, prefix, out);
      return;
    }
    case 'field':
      lowerValues(prefix + node.field.value, node.field.start, node.value, negated, out);
      return;
    case 'range':
      out.predicates.push(
        predicate(
          prefix + node.field.value,
          node.op,
          [node.value.value],
          negated,
          out.locator.span(node.start, node.end),
        ),
      );
      return;
    case 'nested':
      lowerQuery(node.query, negated, `${prefix}${node.field.value}.`, out);
      return;
    case 'text':
      lowerTerms(node.value, negated, out);
  }
}

/** `field:*` tests presence; an unquoted `*` makes a glob; anything else is an exact (case-sensitive) term. */
export function valueOp(value: KueryLiteral): Op {
  if (value.quoted || !value.wildcard) return 'eq';
  return value.value === '*' ? 'exists' : 'wildcard';
}

/**
 * The values of one `field:` expression. Literals that sit directly in the same `or` list (or `and` list) and
 * share an op become one predicate with several values ("any of", or `all` for `and`).
 */
function lowerValues(
  field: string,
  fieldStart: number,
  node: ValueNode,
  negated: boolean,
  out: Lowering,
): void {
  if (node.kind === 'literal') {
    out.predicates.push(single(field, fieldStart, node, negated, out.locator));
    return;
  }
  if (node.kind === 'not') {
    let inner: ValueNode = node;
    let polarity = negated;
    for (; inner.kind === 'not'; inner = inner.item) polarity = !polarity;
    lowerValues(field, fieldStart, inner, polarity, out);
    return;
  }
  const groups = new Map<Op, { predicate: Predicate; end: number }>();
  for (const item of node.items) {
    const op = item.kind === 'literal' ? valueOp(item) : undefined;
    if (item.kind !== 'literal' || op === undefined || op === 'exists') {
      lowerValues(field, fieldStart, item, negated, out);
      continue;
    }
    const group = groups.get(op);
    if (!group) {
      const first = single(field, fieldStart, item, negated, out.locator);
      groups.set(op, { predicate: first, end: item.end });
      out.predicates.push(first);
      continue;
    }
    group.predicate.values.push(item.value);
    group.predicate.all = node.kind === 'and';
    group.predicate.span = out.locator.span(fieldStart, item.end);
  }
}

function single(
  field: string,
  fieldStart: number,
  value: KueryLiteral,
  negated: boolean,
  locator: Locator,
): Predicate {
  const op = valueOp(value);
  return predicate(
    field,
    op,
    op === 'exists' ? [] : [value.value],
    negated,
    locator.span(fieldStart, value.end),
  );
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

/** Free text: every literal is a term, under the polarity of the `not`s around it. */
function lowerTerms(node: ValueNode, negated: boolean, out: Lowering): void {
  if (node.kind === 'literal') {
    out.terms.push({
      type: 'term',
      value: node.value,
      stage: 0,
      quoted: node.quoted,
      negated,
      span: out.locator.span(node.start, node.end),
    });
  } else if (node.kind === 'not') lowerTerms(node.item, !negated, out);
  else for (const item of node.items) lowerTerms(item, negated, out);
}
