/** Kusto scalar expressions as model expressions: columns, literals and calls under the model's names. */
import type { Expression } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';
import type { Expr } from './ast.js';
import { columnPath, isColumnLike, resolveValues, type LetEnvironment } from './lets.js';
import { timespanMs } from './lookback.js';

/** Kusto functions whose model name differs; a function not listed keeps its own (lower-case) name. */
const FUNCTIONS: Readonly<Record<string, string>> = lookupTable({
  tolower: 'lower',
  toupper: 'upper',
  strlen: 'len',
  strcat: 'concat',
  substring: 'substr',
  replace_string: 'replace',
  iff: 'if',
  iif: 'if',
  array_length: 'mvcount',
  toint: 'tonumber',
  tolong: 'tonumber',
  toreal: 'tonumber',
  todouble: 'tonumber',
  todecimal: 'tonumber',
  int: 'tonumber',
  long: 'tonumber',
  real: 'tonumber',
  double: 'tonumber',
  ipv4_is_in_range: 'cidr',
  ipv6_is_in_range: 'cidr',
});

interface Operator {
  name: string;
  caseSensitive?: boolean;
}

/** Kusto binary operators as model calls; `!` forms are `not` of the plain form. */
const OPERATORS: Readonly<Record<string, Operator>> = lookupTable<Operator>({
  '==': { name: '==' },
  '!=': { name: '!=' },
  '<>': { name: '!=' },
  '=~': { name: '==', caseSensitive: false },
  '!~': { name: '!=', caseSensitive: false },
  '<': { name: '<' },
  '<=': { name: '<=' },
  '>': { name: '>' },
  '>=': { name: '>=' },
  '+': { name: '+' },
  '-': { name: '-' },
  '*': { name: '*' },
  '/': { name: '/' },
  '%': { name: '%' },
  and: { name: 'and' },
  or: { name: 'or' },
  in: { name: 'in' },
  'in~': { name: 'in', caseSensitive: false },
  contains: { name: 'contains', caseSensitive: false },
  contains_cs: { name: 'contains', caseSensitive: true },
  startswith: { name: 'starts_with', caseSensitive: false },
  startswith_cs: { name: 'starts_with', caseSensitive: true },
  endswith: { name: 'ends_with', caseSensitive: false },
  endswith_cs: { name: 'ends_with', caseSensitive: true },
  'matches regex': { name: 'regex' },
  // Whole-term matches have no model function: kept under their Kusto names, which the engine reports.
  has: { name: 'has', caseSensitive: false },
  has_cs: { name: 'has', caseSensitive: true },
  has_any: { name: 'has_any', caseSensitive: false },
  has_all: { name: 'has_all', caseSensitive: false },
  hasprefix: { name: 'hasprefix', caseSensitive: false },
  hassuffix: { name: 'hassuffix', caseSensitive: false },
});

const call = (name: string, args: Expression[], caseSensitive?: boolean): Expression =>
  caseSensitive === undefined ? { type: 'call', name, args } : { type: 'call', name, args, caseSensitive };

/** A literal's value: booleans, null, numbers, and timespans (`1h`) as milliseconds, which `bin` takes. */
function literal(text: string): Expression {
  if (text === 'true' || text === 'false') return { type: 'literal', value: text === 'true' };
  if (text === 'null') return { type: 'literal', value: null };
  const n = Number(text);
  if (text !== '' && Number.isFinite(n)) return { type: 'literal', value: n };
  return { type: 'literal', value: timespanMs(text) ?? text };
}

function values(list: string[]): Expression {
  return list.length === 1 ? literal(list[0]) : { type: 'list', items: list.map(literal) };
}

/** The model expression of a Kusto scalar expression; `text` is the query text the offsets refer to. */
export function toExpression(expr: Expr, env: LetEnvironment, text: string): Expression {
  const recurse = (e: Expr): Expression => toExpression(e, env, text);
  switch (expr.type) {
    case 'name': {
      const bound = env.get(expr.name)?.values;
      return bound ? values(bound) : { type: 'field', name: expr.name };
    }
    case 'member':
    case 'index':
      // A path into a column is a field; into a computed value (`parse_json(x).a`) a call the engine may not know.
      return isColumnLike(expr)
        ? { type: 'field', name: columnPath(expr)! }
        : call('property', [
            recurse(expr.object),
            { type: 'literal', value: text.slice(expr.object.end, expr.end) },
          ]);
    case 'string':
      return { type: 'literal', value: expr.value };
    case 'literal':
      return literal(expr.text);
    case 'list':
      return { type: 'list', items: expr.items.map(recurse) };
    case 'unary':
      return expr.op === '-'
        ? call('-', [{ type: 'literal', value: 0 }, recurse(expr.operand)])
        : recurse(expr.operand);
    case 'between': {
      const operand = recurse(expr.operand);
      const inside = call('and', [
        call('>=', [operand, recurse(expr.low)]),
        call('<=', [operand, recurse(expr.high)]),
      ]);
      return expr.negated ? call('not', [inside]) : inside;
    }
    case 'binary':
      return binary(expr.op, recurse(expr.left), recurse(expr.right));
    case 'call': {
      const resolved = resolveValues(expr, env);
      if (resolved) return values(resolved);
      const name = expr.name.toLowerCase();
      const args = expr.args.map(recurse);
      // extract(regex, group, text): the model's argument order is extract(text, regex, group).
      if (name === 'extract' && args.length >= 3) return call('extract', [args[2], args[0], args[1]]);
      return call(FUNCTIONS[name] ?? name, args);
    }
    case 'assign':
      return recurse(expr.value);
    default:
      // A sub-query, a property bag or `*`: no value the engine can compute from one event.
      return call(expr.type === 'pipe' ? 'toscalar' : expr.type, []);
  }
}

/** `has_any` and `has_all` over a literal list: `has` of each item, ORed or ANDed. */
function termSet(name: string, left: Expression, right: Expression, caseSensitive?: boolean): Expression {
  const items = right.type === 'list' ? right.items : [right];
  const each = items.map((item) => call('has', [left, item], caseSensitive));
  return each.length === 1 ? each[0] : call(name === 'has_all' ? 'and' : 'or', each);
}

function binary(op: string, left: Expression, right: Expression): Expression {
  const negated = op.startsWith('!') && op !== '!=' && op !== '!~';
  const known = OPERATORS[negated ? op.slice(1) : op];
  const inner =
    known?.name === 'has_any' || known?.name === 'has_all'
      ? termSet(known.name, left, right, known.caseSensitive)
      : call(known?.name ?? op, [left, right], known?.caseSensitive);
  return negated ? call('not', [inner]) : inner;
}
