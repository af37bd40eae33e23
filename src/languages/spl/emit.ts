/** Writes a condition as a Splunk search: `search field="value"` (case-insensitive, `*` wildcards), regexes as `| regex`. */
import type { Predicate } from '../../model/predicate.js';
import type { Condition, EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, writeInfix, type InfixSyntax } from '../kit/infix.js';
import { caseless, patternOf, writePieces } from '../kit/pattern.js';
import { splunkDetection } from '../kit/rule-files.js';

export function splString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function fieldName(name: string): string {
  return /^[A-Za-z_][\w.:-]*$/.test(name) ? name : `'${name.replace(/'/g, "\\'")}'`;
}

/** The value as a search pattern: `*` is SPL's only wildcard, and a literal `*` cannot be written. */
function pattern(p: Predicate, value: string, losses: Loss[]): string | undefined {
  const pieces = patternOf(p.op, value)!;
  if (pieces.some((x) => x.type === 'one'))
    return dropped(p, 'SPL search has no one-character wildcard', losses);
  if (pieces.some((x) => x.type === 'literal' && x.text.includes('*')))
    return dropped(p, 'SPL search cannot match a literal "*"', losses);
  if (p.caseSensitive && !caseless(value))
    return dropped(p, 'SPL search compares values without case', losses);
  return splString(writePieces(pieces, (t) => t, { any: '*', one: '?' }));
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.valueKind) return dropped(p, `SPL search cannot compare with a ${p.valueKind} value`, losses);
  const value = p.values[0] ?? '';
  if (p.field === null) return splString(value);
  const field = fieldName(p.field);
  switch (p.op) {
    case 'exists':
      return `${field}=*`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${field}${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op]}${splString(value)}`;
    case 'eq':
    case 'match':
    case 'starts_with':
    case 'ends_with':
    case 'wildcard': {
      const text = pattern(p, value, losses);
      return text === undefined ? undefined : `${field}=${text}`;
    }
    default:
      return dropped(p, `SPL search has no ${p.op} inside a boolean expression`, losses);
  }
}

function values(p: Predicate, losses: Loss[]): string | undefined {
  if (p.all || p.field === null || p.valueKind || !patternOf(p.op, '')) return undefined;
  const list = p.values.map((v) => pattern(p, v, losses));
  if (list.some((x) => x === undefined)) return undefined;
  return `${fieldName(p.field)} IN (${list.join(', ')})`;
}

const SYNTAX: InfixSyntax = { and: 'AND', or: 'OR', not: 'NOT ', always: '*', never: 'NOT *', atom, values };

/** Regular expressions ANDed at the top become `| regex` stages, which filter the search's events. */
function regexStages(condition: Condition): { rest: Condition; stages: string[] } {
  const operands = condition.type === 'and' ? condition.operands : [condition];
  const stages: string[] = [];
  const rest: Condition[] = [];
  for (const c of operands) {
    const negated = c.type === 'not';
    const inner = c.type === 'not' ? c.operand : c;
    const p = inner.type === 'predicate' ? inner.predicate : undefined;
    if (p && p.op === 'regex' && p.field !== null && p.values.length === 1 && !p.valueKind) {
      const flags = p.caseSensitive ? '' : '(?i)';
      stages.push(`| regex ${fieldName(p.field)}${negated ? '!=' : '='}${splString(flags + p.values[0])}`);
    } else rest.push(c);
  }
  return { rest: { type: 'and', operands: rest }, stages };
}

export function emitSpl(input: EmitInput): Emitted {
  const losses: Loss[] = [];
  const { rest, stages } = regexStages(input.condition);
  const search = `search ${writeInfix(rest, SYNTAX, losses)}`;
  const query = [search, ...stages].join(' ');
  if (input.format === 'query') return { text: `${query}\n`, losses };
  return { text: splunkDetection(input, query), losses };
}
