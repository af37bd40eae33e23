/** Writes a condition as a Kusto query: the table, then `where` with `=~`, `contains`, `startswith`… chosen by op and case. */
import type { Predicate } from '../../model/predicate.js';
import type { EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, writeInfix, type InfixSyntax } from '../kit/infix.js';
import { caseless, isWild, patternOf, piecesRegex } from '../kit/pattern.js';
import { sentinelAnalytic } from '../kit/rule-files.js';

/** A verbatim string (`@"C:\x"`) when the value has backslashes, so paths read as they are written. */
export function kustoString(value: string): string {
  if (value.includes('\\') && !/[\n\r]/.test(value)) return `@"${value.replace(/"/g, '""')}"`;
  const escaped = value.replace(
    /[\\"\n\r\t]/g,
    (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\${c}`,
  );
  return `"${escaped}"`;
}

const STRING_OPS: Record<string, [string, string]> = {
  eq: ['=~', '=='],
  match: ['contains', 'contains_cs'],
  starts_with: ['startswith', 'startswith_cs'],
  ends_with: ['endswith', 'endswith_cs'],
};

function numeric(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}

function fieldName(name: string): string {
  return /^[A-Za-z_][\w.]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.valueKind) return dropped(p, `a ${p.valueKind} value has no Kusto counterpart here`, losses);
  const value = p.values[0] ?? '';
  if (p.field === null) return `* ${p.caseSensitive ? 'contains_cs' : 'contains'} ${kustoString(value)}`;
  const field = fieldName(p.field);
  const sensitive = p.caseSensitive && !caseless(value);
  const named = STRING_OPS[p.op];
  if (named) return `${field} ${named[sensitive ? 1 : 0]} ${kustoString(value)}`;
  switch (p.op) {
    case 'wildcard': {
      const pieces = patternOf('wildcard', value)!;
      if (!isWild(pieces))
        return `${field} ${sensitive ? '==' : '=~'} ${kustoString(pieces.map((x) => (x.type === 'literal' ? x.text : '')).join(''))}`;
      return `${field} matches regex ${kustoString(`${sensitive ? '' : '(?i)'}${piecesRegex(pieces)}`)}`;
    }
    case 'regex':
      return `${field} matches regex ${kustoString(`${p.caseSensitive ? '' : '(?i)'}${value}`)}`;
    case 'cidr':
      return `${value.includes(':') ? 'ipv6_is_in_range' : 'ipv4_is_in_range'}(${field}, ${kustoString(value)})`;
    case 'exists':
      return `isnotempty(${field})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const symbol = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op];
      return `${field} ${symbol} ${numeric(value) ? value : kustoString(value)}`;
    }
    default:
      return dropped(p, `Kusto has no counterpart for ${p.op} here`, losses);
  }
}

/** `f in~ ("a", "b")` for equality to any of several values. */
function values(p: Predicate): string | undefined {
  if (p.all || p.field === null || p.valueKind || p.op !== 'eq') return undefined;
  const sensitive = p.caseSensitive && !p.values.every(caseless);
  return `${fieldName(p.field)} ${sensitive ? 'in' : 'in~'} (${p.values.map(kustoString).join(', ')})`;
}

const SYNTAX: InfixSyntax = {
  and: 'and',
  or: 'or',
  not: 'not',
  notCall: true,
  always: 'true',
  never: 'false',
  atom,
  values,
};

export function emitKusto(input: EmitInput): Emitted {
  const losses: Loss[] = [];
  const condition = writeInfix(input.condition, SYNTAX, losses);
  const table = input.scope.table ?? 'union *';
  const query = `${table}\n| where ${condition}`;
  if (input.format === 'query') return { text: `${query}\n`, losses };
  return { text: sentinelAnalytic(input, query), losses };
}
