/** Writes a condition as an ES|QL query: `FROM … | WHERE …`, `TO_LOWER(f)` where a test ignores case. */
import type { Predicate } from '../../model/predicate.js';
import type { EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, writeInfix, type InfixSyntax } from '../kit/infix.js';
import { caseless, isWild, patternOf, writePieces } from '../kit/pattern.js';
import { elasticRule } from '../kit/rule-files.js';

export function esqlString(value: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return `"${value.replace(/[\\"\n\r\t]/g, (c) => escapes[c])}"`;
}

function fieldName(name: string): string {
  return /^[A-Za-z_@][\w.@]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function numeric(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}

/** The field as compared: lower-cased when the test ignores case and the value has letters. */
function subject(p: Predicate, field: string, values: readonly string[]): { text: string; fold: boolean } {
  const fold = !p.caseSensitive && !values.every(caseless);
  return { text: fold ? `TO_LOWER(${field})` : field, fold };
}

function stringTest(p: Predicate, field: string, value: string): string {
  const pieces = patternOf(p.op, value)!;
  const s = subject(p, field, [value]);
  const text = (t: string): string => (s.fold ? t.toLowerCase() : t);
  if (!isWild(pieces)) return `${s.text} == ${esqlString(text(value))}`;
  const pattern = writePieces(pieces, (t) => text(t).replace(/[\\*?]/g, (c) => `\\${c}`), {
    any: '*',
    one: '?',
  });
  return `${s.text} LIKE ${esqlString(pattern)}`;
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.field === null) return dropped(p, 'ES|QL has no field-less search', losses);
  if (p.valueKind) return dropped(p, `ES|QL cannot compare with a ${p.valueKind} value here`, losses);
  const field = fieldName(p.field);
  const value = p.values[0] ?? '';
  switch (p.op) {
    case 'exists':
      return `${field} IS NOT NULL`;
    case 'regex':
      if (!p.caseSensitive && !caseless(value))
        return dropped(p, 'ES|QL regular expressions cannot ignore case', losses);
      return `${field} RLIKE ${esqlString(value)}`;
    case 'cidr':
      return `CIDR_MATCH(${field}, ${esqlString(value)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${field} ${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op]} ${numeric(value) ? value : esqlString(value)}`;
    case 'fieldref':
    case 'keyword':
      return dropped(p, `ES|QL cannot express ${p.op} here`, losses);
    default:
      return stringTest(p, field, value);
  }
}

/** `f IN ("a", "b")` for equality to any of several values. */
function values(p: Predicate): string | undefined {
  if (p.all || p.field === null || p.valueKind || p.op !== 'eq') return undefined;
  const s = subject(p, fieldName(p.field), p.values);
  const list = p.values.map((v) => esqlString(s.fold ? v.toLowerCase() : v));
  return `${s.text} IN (${list.join(', ')})`;
}

const SYNTAX: InfixSyntax = {
  and: 'AND',
  or: 'OR',
  not: 'NOT ',
  always: 'true',
  never: 'false',
  atom,
  values,
};

export function emitEsql(input: EmitInput): Emitted {
  const losses: Loss[] = [];
  const condition = writeInfix(input.condition, SYNTAX, losses);
  const from = (input.scope.indexes ?? ['logs-*']).join(', ');
  const query = `FROM ${from}\n| WHERE ${condition}`;
  if (input.format === 'query') return { text: `${query}\n`, losses };
  return { text: elasticRule(input, 'esql', query), losses };
}
