/** Writes a condition as an EQL query (`process where …`): `:` for case-insensitive tests, `==` and `like` for exact case. */
import type { Predicate } from '../../model/predicate.js';
import type { EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, writeInfix, type InfixSyntax } from '../kit/infix.js';
import { caseless, isWild, patternOf, writePieces, type Piece } from '../kit/pattern.js';
import { elasticRule } from '../kit/rule-files.js';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function eqlString(value: string): string {
  return `"${value.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c])}"`;
}

/**
 * A wildcard pattern for `:`/`like`: every `*` and `?` is a wildcard and a backslash is itself (`"C:\\Windows\\*"`),
 * as Elastic's rules write them; a literal `*` or `?` has no spelling (undefined).
 */
function wildcardText(pieces: readonly Piece[]): string | undefined {
  if (pieces.some((p) => p.type === 'literal' && /[*?]/.test(p.text))) return undefined;
  return eqlString(writePieces(pieces, (t) => t, { any: '*', one: '?' }));
}

function numeric(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}

function stringTest(p: Predicate, field: string, value: string, losses: Loss[]): string | undefined {
  const pieces = patternOf(p.op, value);
  if (!pieces) return undefined;
  const insensitive = !p.caseSensitive && !caseless(value);
  if (!isWild(pieces) && !insensitive) return `${field} == ${eqlString(value)}`;
  if (!isWild(pieces) && !/[*?]/.test(value)) return `${field} : ${eqlString(value)}`;
  const pattern = wildcardText(pieces);
  if (pattern === undefined) return dropped(p, 'EQL wildcards cannot hold a literal * or ?', losses);
  return `${field} ${insensitive ? ':' : 'like'} ${pattern}`;
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.field === null) return dropped(p, 'EQL has no field-less search', losses);
  if (p.valueKind) return dropped(p, `EQL cannot compare with a ${p.valueKind} value here`, losses);
  const field = fieldName(p.field);
  const value = p.values[0] ?? '';
  switch (p.op) {
    case 'exists':
      return `${field} != null`;
    case 'regex':
      return `${field} ${p.caseSensitive ? 'regex' : 'regex~'} ${eqlString(value)}`;
    case 'cidr':
      return `cidrMatch(${field}, ${eqlString(value)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const symbol = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op];
      return `${field} ${symbol} ${numeric(value) ? value : eqlString(value)}`;
    }
    case 'fieldref':
    case 'keyword':
      return dropped(p, `EQL cannot express ${p.op}`, losses);
    default:
      return stringTest(p, field, value, losses);
  }
}

/** Field names with characters beyond a dotted identifier are backquoted. */
function fieldName(name: string): string {
  return /^[A-Za-z_@][\w.@]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** `f : ("a*", "b")` when every value is a case-insensitive test; `in` for exact equality. */
function values(p: Predicate): string | undefined {
  if (p.all || p.field === null || p.valueKind) return undefined;
  const field = fieldName(p.field);
  if (p.op === 'eq' && p.caseSensitive) return `${field} in (${p.values.map(eqlString).join(', ')})`;
  if (p.caseSensitive) return undefined;
  const patterns = p.values.map((v) => patternOf(p.op, v));
  const texts = patterns.map((x) => x && wildcardText(x));
  if (texts.some((x) => x === undefined)) return undefined;
  return `${field} : (${texts.join(', ')})`;
}

const SYNTAX: InfixSyntax = {
  and: 'and',
  or: 'or',
  not: 'not ',
  always: 'true',
  never: 'false',
  atom,
  values,
};

export function emitEql(input: EmitInput): Emitted {
  const losses: Loss[] = [];
  const condition = writeInfix(input.condition, SYNTAX, losses);
  const query = `${input.scope.category ?? 'any'} where ${condition}`;
  if (input.format === 'query') return { text: `${query}\n`, losses };
  return { text: elasticRule(input, 'eql', query), losses };
}
