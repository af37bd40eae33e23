/** Writes a condition as a Kibana KQL query: `field : value`, wildcards unquoted, phrases quoted. */
import type { Predicate } from '../../model/predicate.js';
import type { EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, type InfixSyntax } from '../kit/infix.js';
import { caseless, isWild, patternOf, writePieces } from '../kit/pattern.js';
import { emitElasticQueryString } from '../kit/rule-files.js';

export function kueryPhrase(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Kibana KQL matches keyword fields with case; a `.caseless` field (lower-cased at index time) does not. */
export function kueryCaseLoss(p: Predicate, value: string, losses: Loss[]): boolean {
  if (p.caseSensitive || caseless(value) || p.field?.endsWith('.caseless')) return false;
  dropped(p, 'the target compares this field with case and it has no caseless twin', losses);
  return true;
}

/** A value for `:`; undefined when a wildcard value holds blanks, which unquoted values cannot. */
function valueText(p: Predicate, value: string): string | undefined {
  const pieces = patternOf(p.op, value)!;
  const folded = p.field?.endsWith('.caseless') ? (t: string) => t.toLowerCase() : (t: string) => t;
  if (!isWild(pieces))
    return kueryPhrase(folded(pieces.map((x) => (x.type === 'literal' ? x.text : '')).join('')));
  if (pieces.some((x) => x.type === 'one' || (x.type === 'literal' && /\s/.test(x.text)))) return undefined;
  return writePieces(pieces, (t) => folded(t).replace(/[\\():<>"*{}]/g, (c) => `\\${c}`), {
    any: '*',
    one: '?',
  });
}

function fieldName(name: string): string {
  return name.replace(/[\\():<>"*{}\s]/g, (c) => `\\${c}`);
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.valueKind) return dropped(p, `Kibana KQL cannot compare with a ${p.valueKind} value`, losses);
  const value = p.values[0] ?? '';
  if (p.field === null) return kueryPhrase(value);
  const field = fieldName(p.field);
  switch (p.op) {
    case 'exists':
      return `${field} : *`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${field} ${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op]} ${kueryPhrase(value)}`;
    case 'eq':
    case 'match':
    case 'starts_with':
    case 'ends_with':
    case 'wildcard': {
      if (kueryCaseLoss(p, value, losses)) return undefined;
      const text = valueText(p, value);
      return text === undefined
        ? dropped(p, 'Kibana KQL wildcards cannot hold blanks or single-character wildcards', losses)
        : `${field} : ${text}`;
    }
    default:
      return dropped(p, `Kibana KQL has no ${p.op}`, losses);
  }
}

const SYNTAX: InfixSyntax = {
  and: 'and',
  or: 'or',
  not: 'not ',
  always: '*',
  never: 'not *',
  atom,
  term: (value) => kueryPhrase(value),
};

export function emitKuery(input: EmitInput): Emitted {
  return emitElasticQueryString(input, 'kuery', SYNTAX);
}
