/** ES|QL expressions as model expressions: fields, literals and calls under the model's names. */
import type { Expression } from '../../model/stage.js';
import { lookupTable } from '../../text/lookup.js';
import type { Expr } from './ast.js';
import { timespanMs } from './lookback.js';

/** ES|QL functions whose model name differs; a function not listed keeps its own (lower-case) name. */
const FUNCTIONS: Readonly<Record<string, string>> = lookupTable({
  to_lower: 'lower',
  to_upper: 'upper',
  length: 'len',
  mv_count: 'mvcount',
  to_string: 'tostring',
  to_str: 'tostring',
  to_integer: 'tonumber',
  to_int: 'tonumber',
  to_long: 'tonumber',
  to_double: 'tonumber',
  to_dbl: 'tonumber',
  to_unsigned_long: 'tonumber',
  to_ul: 'tonumber',
  cidr_match: 'cidr',
});

const call = (name: string, args: Expression[], caseSensitive?: boolean): Expression =>
  caseSensitive === undefined ? { type: 'call', name, args } : { type: 'call', name, args, caseSensitive };

const ONE: Expression = { type: 'literal', value: 1 };

function literal(expr: Expr & { kind: 'literal' }): Expression {
  switch (expr.type) {
    case 'number':
      return { type: 'literal', value: Number(expr.value) };
    case 'boolean':
      return { type: 'literal', value: expr.value === 'true' };
    case 'null':
    case 'missing':
      return { type: 'literal', value: null };
    default:
      return { type: 'literal', value: expr.value };
  }
}

/** RLIKE patterns match the whole value, as Lucene regular expressions do. */
export function anchoredRegex(pattern: string): string {
  return `^(?:${pattern})$`;
}

function functionCall(name: string, args: Expr[]): Expression {
  const model = args.map(toExpression);
  // SUBSTRING counts from 1; the model's substr from 0.
  if (name === 'substring' && model.length >= 2)
    return call('substr', [model[0], call('-', [model[1], ONE]), ...model.slice(2)]);
  // DATE_TRUNC(span, date) and BUCKET(date, span) with a fixed span: the model's bin(date, milliseconds).
  const [date, span] =
    name === 'date_trunc' ? [args[1], args[0]] : name === 'bucket' ? [args[0], args[1]] : [];
  const width = span?.kind === 'literal' && span.type === 'timespan' ? timespanMs(span.value) : undefined;
  if (date && width !== undefined)
    return call('bin', [toExpression(date), { type: 'literal', value: width }]);
  return call(FUNCTIONS[name] ?? name, model);
}

/** The model expression of an ES|QL expression. */
export function toExpression(expr: Expr): Expression {
  switch (expr.kind) {
    case 'field':
      return { type: 'field', name: expr.name };
    case 'literal':
      return literal(expr);
    case 'call':
      return functionCall(expr.name, expr.args);
    case 'binary': {
      if (expr.op === '=~') return call('==', [toExpression(expr.left), toExpression(expr.right)], false);
      return call(expr.op, [toExpression(expr.left), toExpression(expr.right)]);
    }
    case 'not':
      return call('not', [toExpression(expr.operand)]);
    case 'neg':
      return call('-', [{ type: 'literal', value: 0 }, toExpression(expr.operand)]);
    case 'cast':
      return toExpression(expr.operand);
    case 'in': {
      const inside = call('in', [
        toExpression(expr.operand),
        { type: 'list', items: expr.list.map(toExpression) },
      ]);
      return expr.negated ? call('not', [inside]) : inside;
    }
    case 'like':
    case 'rlike': {
      const value = toExpression(expr.operand);
      const tests = expr.patterns.map((p) => {
        const pattern = toExpression(p);
        if (expr.kind === 'like') return call('wildcard', [value, pattern]);
        const source =
          pattern.type === 'literal' && typeof pattern.value === 'string'
            ? { type: 'literal' as const, value: anchoredRegex(pattern.value) }
            : pattern;
        return call('regex', [value, source]);
      });
      const any = tests.length === 1 ? tests[0] : call('or', tests);
      return expr.negated ? call('not', [any]) : any;
    }
    case 'isnull':
      return call(expr.negated ? 'isnotnull' : 'isnull', [toExpression(expr.operand)]);
    case 'match':
      return call('contains', [toExpression(expr.operand), toExpression(expr.query)], false);
    case 'list':
      return { type: 'list', items: expr.items.map(toExpression) };
    case 'map':
      return call('map', []);
  }
}
