/** EQL expressions as the model's `Expression`: operators and functions renamed to the model's vocabulary. */
import { lookupTable } from '../../text/lookup.js';
import type { Expression } from '../../model/stage.js';
import { wildcardGlob } from '../kit/glob.js';
import type { CallExpr, Expr } from './ast.js';

/** EQL function (lower case, without `~`) → the model's name, for functions whose arguments line up. */
const FUNCTIONS: Readonly<Record<string, string>> = lookupTable({
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  modulo: '%',
  concat: 'concat',
  endswith: 'ends_with',
  startswith: 'starts_with',
  stringcontains: 'contains',
  length: 'len',
  string: 'tostring',
  number: 'tonumber',
  cidrmatch: 'cidr',
  // The original engine's regular expressions.
  match: 'regex',
  matchlite: 'regex',
});
/** Functions taking one subject and several patterns: any pattern matching is a match. */
const ANY_OF = new Set(['cidr', 'wildcard', 'regex']);
/** Functions whose string comparison `~` (or the original engine) makes case-insensitive. */
const CASED = new Set(['ends_with', 'starts_with', 'contains', 'wildcard', 'regex']);

const literal = (value: string | number | boolean | null): Expression => ({ type: 'literal', value });
const call = (name: string, args: Expression[], caseSensitive?: boolean): Expression =>
  caseSensitive === undefined ? { type: 'call', name, args } : { type: 'call', name, args, caseSensitive };

function anyOf(items: Expression[]): Expression {
  return items.length === 1 ? items[0] : call('or', items);
}

/** Modern EQL regular expressions (Lucene's) match the whole value; the original engine's searched in it. */
export function anchoredRegex(pattern: string): string {
  return `^(?:${pattern})$`;
}

/** Converts EQL expressions; `legacy` is the original engine, where every string comparison ignored case. */
export class ExpressionLowering {
  constructor(private readonly legacy: boolean) {}

  expression(expr: Expr): Expression {
    switch (expr.kind) {
      case 'field':
        return { type: 'field', name: expr.name };
      case 'string':
        return literal(expr.value);
      case 'number':
        return literal(Number(expr.text));
      case 'boolean':
        return literal(expr.value);
      case 'null':
        return literal(null);
      case 'and':
      case 'or':
        return call(
          expr.kind,
          expr.operands.map((o) => this.expression(o)),
        );
      case 'not':
        return call('not', [this.expression(expr.operand)]);
      case 'compare': {
        const op = expr.op === '=' ? '==' : expr.op;
        const args = [this.expression(expr.left), this.expression(expr.right)];
        return op === '==' || op === '!=' ? call(op, args, !this.legacy) : call(op, args);
      }
      case 'match':
        return this.match(expr.op, this.expression(expr.left), expr.values);
      case 'in': {
        const test = call(
          'in',
          [this.expression(expr.left), { type: 'list', items: expr.values.map((v) => this.expression(v)) }],
          !expr.insensitive && !this.legacy,
        );
        return expr.negated ? call('not', [test]) : test;
      }
      case 'call':
        return this.call(expr);
      case 'arithmetic':
        return expr.left
          ? call(expr.op, [this.expression(expr.left), this.expression(expr.right)])
          : call(expr.op, [literal(0), this.expression(expr.right)]);
      case 'relation':
      case 'error':
        // Neither has a value: the first is a sub-query, the second what could not be read.
        return call(expr.kind === 'relation' ? `${expr.relation} of` : 'error', []);
    }
  }

  /** `x : v`, `x like v`, `x regex v` over a list: any value matching is a match. */
  match(op: string, subject: Expression, values: Expr[]): Expression {
    const insensitive = op === ':' || op.endsWith('~') || this.legacy;
    const items = values.map((v): Expression => {
      const value = this.expression(v);
      if (op.startsWith('regex'))
        return call(
          'regex',
          [subject, v.kind === 'string' ? literal(anchoredRegex(v.value)) : value],
          !insensitive,
        );
      const pattern = v.kind === 'string' ? literal(wildcardGlob(v.value)) : value;
      return call('wildcard', [subject, pattern], !insensitive);
    });
    return anyOf(items);
  }

  private call(expr: CallExpr): Expression {
    const tilde = expr.name.endsWith('~');
    const lower = (tilde ? expr.name.slice(0, -1) : expr.name).toLowerCase();
    const args = expr.args.map((a) => this.expression(a));
    if (lower === 'wildcard' && args.length >= 2)
      return anyOf(
        expr.args.slice(1).map((p) => {
          const pattern = p.kind === 'string' ? literal(wildcardGlob(p.value)) : this.expression(p);
          return call('wildcard', [args[0], pattern], false);
        }),
      );
    if (lower === 'substring') return this.substring(args);
    const name = FUNCTIONS[lower];
    if (!name) return call(lower, args);
    const caseSensitive = CASED.has(name) ? !(tilde || this.legacy) : undefined;
    if (ANY_OF.has(name) && args.length > 2)
      return anyOf(args.slice(1).map((a) => call(name, [args[0], a], caseSensitive)));
    return call(name, args, caseSensitive);
  }

  /** EQL `substring(s, start, end)` is the model's `substr(s, start, end - start)`. */
  private substring(args: Expression[]): Expression {
    if (args.length < 3) return call('substr', args);
    return call('substr', [args[0], args[1], call('-', [args[2], args[1]])]);
  }
}
