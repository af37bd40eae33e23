/** Writes a condition as a Lucene query: `field:value` with Lucene's escapes, `/regex/`, `_exists_:field`. */
import type { Predicate } from '../../model/predicate.js';
import type { EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, type InfixSyntax } from '../kit/infix.js';
import { isWild, patternOf, writePieces } from '../kit/pattern.js';
import { emitElasticQueryString } from '../kit/rule-files.js';
import { kueryCaseLoss } from '../kuery/emit.js';

const SPECIAL = /[+\-=&|><!(){}[\]^"~*?:\\/\s]/g;

function escape(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

function phrase(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function valueText(p: Predicate, value: string): string {
  const pieces = patternOf(p.op, value)!;
  const fold = p.field?.endsWith('.caseless') ? (t: string) => t.toLowerCase() : (t: string) => t;
  if (!isWild(pieces)) return phrase(fold(value));
  return writePieces(pieces, (t) => escape(fold(t)), { any: '*', one: '?' });
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.valueKind) return dropped(p, `Lucene cannot compare with a ${p.valueKind} value`, losses);
  const value = p.values[0] ?? '';
  if (p.field === null) return phrase(value);
  const field = escape(p.field);
  switch (p.op) {
    case 'exists':
      return `_exists_:${field}`;
    case 'regex':
      if (kueryCaseLoss(p, 'A', losses)) return undefined;
      return `${field}:/${value.replace(/\//g, '\\/')}/`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${field}:${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op]}${escape(value)}`;
    case 'eq':
    case 'match':
    case 'starts_with':
    case 'ends_with':
    case 'wildcard': {
      if (kueryCaseLoss(p, value, losses)) return undefined;
      const text = valueText(p, value);
      return `${field}:${text}`;
    }
    default:
      return dropped(p, `Lucene has no ${p.op}`, losses);
  }
}

const SYNTAX: InfixSyntax = {
  and: 'AND',
  or: 'OR',
  not: 'NOT ',
  always: '*:*',
  never: 'NOT *:*',
  atom,
  term: (value) => phrase(value),
};

export function emitLucene(input: EmitInput): Emitted {
  return emitElasticQueryString(input, 'lucene', SYNTAX);
}
