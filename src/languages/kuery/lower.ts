/** Lowers a Kibana KQL tree to one `query` stage: field expressions become predicates, free text search terms, and/or/not the stage's logic. */
import { sourceStage } from '../stage.js';
import type { Op, Predicate, SearchTerm } from '../../model/predicate.js';
import type { Logic, Stage } from '../../model/stage.js';
import type { Locator } from '../../text/locator.js';
import type { KueryLiteral, QueryNode, ValueNode } from './ast.js';
import { matchByFieldType } from './field-types.js';

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
  const logic = query ? lowerQuery(query, false, '', lowering) : undefined;
  const stage: Stage = {
    ...sourceStage({ index: 0, kind: 'query', text, locator, start, end: Math.max(start, end) }),
    predicates: lowering.predicates,
    terms: lowering.terms,
  };
  if (logic) stage.logic = logic;
  matchByFieldType(stage.predicates);
  return stage;
}

/** `and`/`or` of the operands, or the one operand itself. */
export function junction(type: 'and' | 'or', operands: Logic[]): Logic {
  return operands.length === 1 ? operands[0] : { type, operands };
}

/** `operand` under `count` nots: an odd count is one `not`. */
function negate(operand: Logic, count: number): Logic {
  return count % 2 === 1 ? { type: 'not', operand } : operand;
}

/**
 * `negated` is the polarity so far, kept on predicates and terms for display; the returned tree reads them
 * positively and carries each `not` itself.
 */
function lowerQuery(node: QueryNode, negated: boolean, prefix: string, out: Lowering): Logic {
  switch (node.kind) {
    case 'or':
    case 'and':
      return junction(
        node.kind,
        node.items.map((item) => lowerQuery(item, negated, prefix, out)),
      );
    case 'not': {
      // A run of `not`s is unwrapped in a loop: thousands of them must not exhaust the stack.
      let inner: QueryNode = node;
      let count = 0;
      for (; inner.kind === 'not'; inner = inner.item) count++;
      return negate(lowerQuery(inner, count % 2 === 1 ? !negated : negated, prefix, out), count);
    }
    case 'field':
      return lowerValues(prefix + node.field.value, node.field.start, node.value, negated, out);
    case 'range':
      return add(
        out,
        predicate(
          prefix + node.field.value,
          node.op,
          [node.value.value],
          negated,
          out.locator.span(node.start, node.end),
        ),
      );
    case 'nested':
      return lowerQuery(node.query, negated, `${prefix}${node.field.value}.`, out);
    case 'text':
      return lowerTerms(node.value, negated, out);
  }
}

function add(out: Lowering, p: Predicate): Logic {
  out.predicates.push(p);
  return { type: 'predicate', index: out.predicates.length - 1 };
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
): Logic {
  if (node.kind === 'literal') return add(out, single(field, fieldStart, node, negated, out.locator));
  if (node.kind === 'not') {
    let inner: ValueNode = node;
    let count = 0;
    for (; inner.kind === 'not'; inner = inner.item) count++;
    return negate(lowerValues(field, fieldStart, inner, count % 2 === 1 ? !negated : negated, out), count);
  }
  const operands: Logic[] = [];
  const groups = new Map<Op, Predicate>();
  for (const item of node.items) {
    const op = item.kind === 'literal' ? valueOp(item) : undefined;
    if (item.kind !== 'literal' || op === undefined || op === 'exists') {
      operands.push(lowerValues(field, fieldStart, item, negated, out));
      continue;
    }
    const group = groups.get(op);
    if (!group) {
      const first = single(field, fieldStart, item, negated, out.locator);
      groups.set(op, first);
      operands.push(add(out, first));
      continue;
    }
    group.values.push(op === 'wildcard' ? item.glob : item.value);
    group.all = node.kind === 'and';
    group.span = out.locator.span(fieldStart, item.end);
  }
  return junction(node.kind, operands);
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
    op === 'exists' ? [] : [op === 'wildcard' ? value.glob : value.value],
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
function lowerTerms(node: ValueNode, negated: boolean, out: Lowering): Logic {
  if (node.kind === 'literal') {
    out.terms.push({
      type: 'term',
      value: node.value,
      stage: 0,
      quoted: node.quoted,
      negated,
      span: out.locator.span(node.start, node.end),
    });
    return { type: 'term', index: out.terms.length - 1 };
  }
  if (node.kind === 'not') return { type: 'not', operand: lowerTerms(node.item, !negated, out) };
  return junction(
    node.kind,
    node.items.map((item) => lowerTerms(item, negated, out)),
  );
}
