/** Lowers `where` conditions to predicates: comparisons, like(), match(), cidrmatch(), in(), isnull()/isnotnull(). */
import { lookupTable } from '../../text/lookup.js';
import type { EvalNode } from './ast.js';
import type { Op } from '../../model/predicate.js';
import { likePredicate, type PredicateSink } from './predicates.js';

const FLIPPED: Readonly<Record<string, string>> = lookupTable({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' });
const ORDER: Readonly<Record<string, Op>> = lookupTable({ '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' });

/** A field as a condition uses it; `lower(x)`/`upper(x)` compare x ignoring case. */
interface FieldUse {
  name: string;
  caseSensitive: boolean;
}

function fieldUse(node: EvalNode): FieldUse | undefined {
  if (node.kind === 'field') return { name: node.name, caseSensitive: true };
  if (
    node.kind === 'call' &&
    (node.name === 'lower' || node.name === 'upper') &&
    node.args.length === 1 &&
    node.args[0].kind === 'field'
  ) {
    return { name: node.args[0].name, caseSensitive: false };
  }
  return undefined;
}

function literalValue(node: EvalNode): string | undefined {
  if (node.kind === 'string' || node.kind === 'number') return node.value;
  if (node.kind === 'unary' && node.op === '-' && node.operand.kind === 'number')
    return `-${node.operand.value}`;
  return undefined;
}

/** Walks the boolean structure carrying polarity; comparisons and filter functions at the leaves become predicates. */
export function lowerCondition(node: EvalNode, negated: boolean, sink: PredicateSink): void {
  if (node.kind === 'unary' && node.op === 'NOT') lowerCondition(node.operand, !negated, sink);
  else if (node.kind === 'binary' && (node.op === 'AND' || node.op === 'OR' || node.op === 'XOR')) {
    lowerCondition(node.left, negated, sink);
    lowerCondition(node.right, negated, sink);
  } else if (node.kind === 'binary') lowerComparison(node, negated, sink);
  else if (node.kind === 'in') lowerIn(node.operand, node.values, negated, sink, node);
  else if (node.kind === 'call') lowerCall(node, negated, sink);
}

function lowerComparison(
  node: Extract<EvalNode, { kind: 'binary' }>,
  negated: boolean,
  sink: PredicateSink,
): void {
  let field = fieldUse(node.left);
  let value = literalValue(node.right);
  let op = node.op;
  if (!field || value === undefined) {
    const swapped = fieldUse(node.right);
    const swappedValue = literalValue(node.left);
    if (swapped && swappedValue !== undefined) {
      field = swapped;
      value = swappedValue;
      op = FLIPPED[op] ?? op;
    }
  }
  const polarity = op === '!=' ? !negated : negated;
  if (field && value !== undefined) {
    if (op === 'LIKE') {
      const like = likePredicate(value);
      sink.predicate(
        { field: field.name, op: like.op, values: [like.value], negated, caseSensitive: field.caseSensitive },
        node,
      );
    } else {
      sink.predicate(
        {
          field: field.name,
          op: ORDER[op] ?? 'eq',
          values: [value],
          negated: polarity,
          caseSensitive: field.caseSensitive,
        },
        node,
      );
    }
    return;
  }
  const other = fieldUse(node.right);
  if (field && other && (op === '=' || op === '==' || op === '!=')) {
    sink.predicate(
      {
        field: field.name,
        op: 'fieldref',
        values: [other.name],
        negated: polarity,
        caseSensitive: field.caseSensitive,
      },
      node,
    );
  }
}

function lowerIn(
  operand: EvalNode,
  values: EvalNode[],
  negated: boolean,
  sink: PredicateSink,
  at: { start: number; end: number },
): void {
  const field = fieldUse(operand);
  const literals = values.map(literalValue).filter((v): v is string => v !== undefined);
  if (field && literals.length > 0)
    sink.predicate(
      { field: field.name, op: 'eq', values: literals, negated, caseSensitive: field.caseSensitive },
      at,
    );
}

function lowerCall(node: Extract<EvalNode, { kind: 'call' }>, negated: boolean, sink: PredicateSink): void {
  const [first, second] = node.args;
  const field = first ? fieldUse(first) : undefined;
  const value = second ? literalValue(second) : undefined;
  switch (node.name) {
    case 'like':
      if (field && value !== undefined) {
        const like = likePredicate(value);
        sink.predicate(
          {
            field: field.name,
            op: like.op,
            values: [like.value],
            negated,
            caseSensitive: field.caseSensitive,
          },
          node,
        );
      }
      return;
    case 'match':
      if (field && value !== undefined) {
        sink.predicate(
          {
            field: field.name,
            op: 'regex',
            values: [value],
            negated,
            caseSensitive: field.caseSensitive && !value.startsWith('(?i)'),
          },
          node,
        );
      }
      return;
    case 'cidrmatch': {
      const cidr = first ? literalValue(first) : undefined;
      const target = second ? fieldUse(second) : undefined;
      if (cidr !== undefined && target)
        sink.predicate(
          { field: target.name, op: 'cidr', values: [cidr], negated, caseSensitive: false },
          node,
        );
      return;
    }
    case 'isnotnull':
    case 'isnull':
      if (field)
        sink.predicate(
          {
            field: field.name,
            op: 'exists',
            values: [],
            negated: node.name === 'isnull' ? !negated : negated,
            caseSensitive: false,
          },
          node,
        );
      return;
    case 'in':
      if (first) lowerIn(first, node.args.slice(1), negated, sink, node);
      return;
  }
}

/** Fields an expression reads, first seen first (for `eval x=...`: what x derives from). */
export function fieldsOf(node: EvalNode): string[] {
  const found = new Set<string>();
  const visit = (n: EvalNode): void => {
    if (n.kind === 'field') found.add(n.name);
    else if (n.kind === 'binary') {
      visit(n.left);
      visit(n.right);
    } else if (n.kind === 'unary') visit(n.operand);
    else if (n.kind === 'call') n.args.forEach(visit);
    else if (n.kind === 'in') {
      visit(n.operand);
      n.values.forEach(visit);
    }
  };
  visit(node);
  return [...found];
}
