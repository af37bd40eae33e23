/** SPL eval expressions as model expressions: operators and functions renamed to the model's vocabulary. */
import type { EvalNode } from './ast.js';
import type { Expression } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';

/** SPL operators → the model's call names. */
const OPERATORS: Readonly<Record<string, string>> = lookupTable({
  AND: 'and',
  OR: 'or',
  '=': '==',
  '==': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  '.': 'concat',
  LIKE: 'like',
});

/** SPL functions whose model name differs; the others keep their own (lower-case) name. */
const FUNCTIONS: Readonly<Record<string, string>> = lookupTable({
  match: 'regex',
  cidrmatch: 'cidr',
  isnotnull: 'isnotnull',
  isnull: 'isnull',
  len: 'len',
  mvcount: 'mvcount',
  tostring: 'tostring',
  tonumber: 'tonumber',
  coalesce: 'coalesce',
  lower: 'lower',
  upper: 'upper',
  trim: 'trim',
  split: 'split',
  replace: 'replace',
  if: 'if',
  case: 'case',
  in: 'in',
  like: 'like',
  now: 'now',
  substr: 'substr',
});

const call = (name: string, args: Expression[], caseSensitive?: boolean): Expression =>
  caseSensitive === undefined ? { type: 'call', name, args } : { type: 'call', name, args, caseSensitive };

const literal = (value: string | number | boolean | null): Expression => ({ type: 'literal', value });

export function toExpression(node: EvalNode): Expression {
  switch (node.kind) {
    case 'field':
      return { type: 'field', name: node.name };
    case 'string':
      return literal(node.value);
    case 'number':
      return literal(Number(node.value));
    case 'binary':
      if (node.op === 'XOR') return call('!=', [toExpression(node.left), toExpression(node.right)]);
      return call(OPERATORS[node.op] ?? node.op.toLowerCase(), [
        toExpression(node.left),
        toExpression(node.right),
      ]);
    case 'unary':
      if (node.op === 'NOT') return call('not', [toExpression(node.operand)]);
      if (node.op === '-') return call('-', [literal(0), toExpression(node.operand)]);
      return toExpression(node.operand);
    case 'in':
      return call('in', [toExpression(node.operand), { type: 'list', items: node.values.map(toExpression) }]);
    case 'call':
      return callExpression(node);
  }
}

function callExpression(node: Extract<EvalNode, { kind: 'call' }>): Expression {
  const args = node.args.map(toExpression);
  switch (node.name) {
    case 'true':
      return literal(true);
    case 'false':
      return literal(false);
    case 'null':
      return literal(null);
    case 'match':
      return regexCall(args[0], args[1]);
    case 'cidrmatch':
      // SPL names the range first; the model reads the value first, as like() and regex() do.
      return call('cidr', [args[1] ?? literal(null), args[0] ?? literal(null)]);
    case 'substr':
      return substrCall(args);
    case 'in':
      return call('in', [args[0] ?? literal(null), { type: 'list', items: args.slice(1) }]);
    case 'searchmatch':
      return call('searchmatch', args);
    default:
      return call(FUNCTIONS[node.name] ?? node.name, args);
  }
}

/** match(x, re): a leading `(?i)` is the call's case; the pattern otherwise passes as written (PCRE ⊃ JavaScript here). */
function regexCall(value: Expression | undefined, pattern: Expression | undefined): Expression {
  const args = [value ?? literal(null), pattern ?? literal(null)];
  if (pattern?.type === 'literal' && typeof pattern.value === 'string' && /^\(\?i\)/.test(pattern.value))
    return call('regex', [args[0], literal(pattern.value.slice(4))], false);
  return call('regex', args);
}

/** SPL substr counts from 1 (a negative start from the end); the model from 0. */
function substrCall(args: Expression[]): Expression {
  const [value, start, length] = args;
  const from =
    start?.type === 'literal' && typeof start.value === 'number'
      ? literal(start.value > 0 ? start.value - 1 : start.value)
      : call('-', [start ?? literal(1), literal(1)]);
  return call('substr', length ? [value, from, length] : [value, from]);
}
