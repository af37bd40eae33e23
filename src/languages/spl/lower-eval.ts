/**
 * Lowers `where` conditions to predicates and the logic tree over them: comparisons, like(), match(),
 * cidrmatch(), in(), isnull()/isnotnull() become predicates (what indicators are made of); anything else
 * (arithmetic, len(), functions of functions) stays an expression leaf of the tree.
 */
import { lookupTable } from '../../text/lookup.js';
import type { EvalNode } from './ast.js';
import type { Op } from '../../model/predicate.js';
import type { Logic } from '../../model/stage.js';
import { likePredicate, present, type PredicateSink } from './predicates.js';
import { toExpression } from './expression.js';

const FLIPPED: Readonly<Record<string, string>> = lookupTable({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' });
const ORDER: Readonly<Record<string, Op>> = lookupTable({ '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' });

/** A field as a condition uses it; `lower(x)`/`upper(x)` compare x ignoring case. */
interface FieldUse {
  name: string;
  caseSensitive: boolean;
  /** For lower()/upper(): the case a literal must be in to ever match. */
  fold?: 'lower' | 'upper';
}

function fieldUse(node: EvalNode): FieldUse | undefined {
  if (node.kind === 'field') return { name: node.name, caseSensitive: true };
  if (
    node.kind === 'call' &&
    (node.name === 'lower' || node.name === 'upper') &&
    node.args.length === 1 &&
    node.args[0].kind === 'field'
  ) {
    return { name: node.args[0].name, caseSensitive: false, fold: node.name };
  }
  return undefined;
}

function literalValue(node: EvalNode): string | undefined {
  if (node.kind === 'string' || node.kind === 'number') return node.value;
  if (node.kind === 'unary' && node.op === '-' && node.operand.kind === 'number')
    return `-${node.operand.value}`;
  return undefined;
}

/** lower(x)="ABC" never holds: such a comparison is no case-insensitive predicate. */
function foldable(field: FieldUse, value: string): boolean {
  if (field.fold === 'lower') return value === value.toLowerCase();
  if (field.fold === 'upper') return value === value.toUpperCase();
  return true;
}

const expression = (node: EvalNode): Logic => ({ type: 'expression', expression: toExpression(node) });

/** The tree of a condition; `negated` is the polarity around it, for the predicates' display. */
export function conditionLogic(node: EvalNode, negated: boolean, sink: PredicateSink): Logic {
  if (node.kind === 'unary' && node.op === 'NOT')
    return { type: 'not', operand: conditionLogic(node.operand, !negated, sink) };
  if (node.kind === 'binary' && (node.op === 'AND' || node.op === 'OR'))
    return {
      type: node.op === 'AND' ? 'and' : 'or',
      operands: [conditionLogic(node.left, negated, sink), conditionLogic(node.right, negated, sink)],
    };
  if (node.kind === 'binary' && node.op !== 'XOR') return comparison(node, negated, sink) ?? expression(node);
  if (node.kind === 'in') return inList(node.operand, node.values, negated, sink, node) ?? expression(node);
  if (node.kind === 'call') return callLogic(node, negated, sink) ?? expression(node);
  return expression(node);
}

function comparison(
  node: Extract<EvalNode, { kind: 'binary' }>,
  negated: boolean,
  sink: PredicateSink,
): Logic | undefined {
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
  const unequal = op === '!=';
  const polarity = unequal ? !negated : negated;
  if (field && value !== undefined) {
    if (!foldable(field, value)) return undefined;
    if (op === 'LIKE') return likeLogic(field, value, negated, sink, node);
    const leaf = sink.predicate(
      {
        field: field.name,
        op: ORDER[op] ?? 'eq',
        values: [value],
        negated: polarity,
        caseSensitive: field.caseSensitive,
      },
      node,
    );
    return unequal ? unequalTo(field.name, leaf) : leaf;
  }
  const other = fieldUse(node.right);
  if (
    field &&
    other &&
    field.caseSensitive &&
    other.caseSensitive &&
    (op === '=' || op === '==' || unequal)
  ) {
    const leaf = sink.predicate(
      { field: field.name, op: 'fieldref', values: [other.name], negated: polarity, caseSensitive: true },
      node,
    );
    return unequal ? unequalTo(field.name, leaf) : leaf;
  }
  return undefined;
}

/** `x != v` in eval holds only where x has a value (a null compares to nothing). */
function unequalTo(field: string, leaf: Logic): Logic {
  return { type: 'and', operands: [present(field), { type: 'not', operand: leaf }] };
}

/** like(x, p): `%` any run, `_` one character. A pattern with `_` stays an expression, the predicate reads it literally. */
function likeLogic(
  field: FieldUse,
  pattern: string,
  negated: boolean,
  sink: PredicateSink,
  at: EvalNode,
): Logic {
  const like = likePredicate(pattern);
  const leaf = sink.predicate(
    { field: field.name, op: like.op, values: [like.value], negated, caseSensitive: field.caseSensitive },
    at,
  );
  return pattern.includes('_') ? expression(at) : leaf;
}

function inList(
  operand: EvalNode,
  values: EvalNode[],
  negated: boolean,
  sink: PredicateSink,
  at: { start: number; end: number },
): Logic | undefined {
  const field = fieldUse(operand);
  const literals = values.map(literalValue);
  if (!field || literals.length === 0 || literals.some((v) => v === undefined || !foldable(field, v)))
    return undefined;
  return sink.predicate(
    {
      field: field.name,
      op: 'eq',
      values: literals as string[],
      negated,
      caseSensitive: field.caseSensitive,
    },
    at,
  );
}

function callLogic(
  node: Extract<EvalNode, { kind: 'call' }>,
  negated: boolean,
  sink: PredicateSink,
): Logic | undefined {
  const [first, second] = node.args;
  const field = first ? fieldUse(first) : undefined;
  const value = second ? literalValue(second) : undefined;
  switch (node.name) {
    case 'like':
      return field && value !== undefined && foldable(field, value)
        ? likeLogic(field, value, negated, sink, node)
        : undefined;
    case 'match': {
      if (!field || value === undefined) return undefined;
      const predicate = {
        field: field.name,
        op: 'regex' as const,
        values: [value],
        negated,
        caseSensitive: field.caseSensitive && !value.startsWith('(?i)'),
      };
      return sink.predicate(predicate, node);
    }
    case 'cidrmatch': {
      const cidr = first ? literalValue(first) : undefined;
      const target = second ? fieldUse(second) : undefined;
      if (cidr === undefined || !target) return undefined;
      return sink.predicate(
        { field: target.name, op: 'cidr', values: [cidr], negated, caseSensitive: false },
        node,
      );
    }
    case 'isnotnull':
    case 'isnull': {
      if (!field || node.args.length !== 1) return undefined;
      const absent = node.name === 'isnull';
      const leaf = sink.predicate(
        {
          field: field.name,
          op: 'exists',
          values: [],
          negated: absent ? !negated : negated,
          caseSensitive: false,
        },
        node,
      );
      return absent ? { type: 'not', operand: leaf } : leaf;
    }
    case 'in':
      return first ? inList(first, node.args.slice(1), negated, sink, node) : undefined;
    default:
      return undefined;
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
