/**
 * Comparing two single-event conditions written in different languages: each predicate as (concept, pattern, case)
 * through the taxonomy, the tree flattened and sorted. Structural: equal normal forms are equivalent; the converse
 * is not claimed.
 */
import type { LanguageId } from '../../model/ids.js';
import type { Predicate } from '../../model/predicate.js';
import type { ParsedQuery } from '../../model/stage.js';
import type { Condition } from '../../languages/emit.js';
import { canonicalField } from '../../knowledge/fields/index.js';
import { caseless, patternOf } from '../../languages/kit/pattern.js';
import { queryCondition } from './source-condition.js';
import { isScopeField } from './scope.js';
import { nameAsPath, pathOfName } from './name-path.js';
import { piecesGlob, regexPieces, squeeze } from './regex-shape.js';

export interface Relation {
  equivalent: boolean;
  differences: string[];
}

const WINLOG = 'winlog.event_data.';
/** Languages whose regular expressions must match the whole value (Elasticsearch's). */
const FULL_MATCH = new Set<LanguageId>(['eql', 'esql', 'lucene', 'kuery']);

function fieldKey(field: string, language: LanguageId, scope: string | undefined): string {
  // A concept already resolved (a name test read as its path's).
  if (field.startsWith('\u0000')) return field.slice(1);
  const concept = canonicalField(field, { language, scope });
  if (concept) return concept;
  const lower = field.toLowerCase();
  return lower.startsWith(WINLOG) ? lower.slice(WINLOG.length) : lower;
}

function atomKey(p: Predicate, value: string, language: LanguageId, scope: string | undefined): string {
  const field = p.field === null ? '*' : fieldKey(p.field, language, scope);
  let op: string = p.op;
  let text = value;
  let sensitive = p.caseSensitive;
  if (op === 'regex') {
    if (/^\(\?i\)/.test(text)) [text, sensitive] = [text.slice(4), false];
    if (FULL_MATCH.has(language)) text = `^${text}$`.replace(/^\^\.\*/, '').replace(/\.\*\$$/, '');
    const pieces = regexPieces(text);
    if (pieces) [op, text] = ['pattern', piecesGlob(pieces)];
  } else {
    const pieces = patternOf(p.op, value);
    if (pieces) [op, text] = ['pattern', piecesGlob(squeeze(pieces))];
  }
  if (op === 'cidr' || op === 'exists' || caseless(text)) sensitive = false;
  if (!sensitive) text = text.toLowerCase();
  return `${field} ${op}${sensitive ? ' cased' : ''} ${JSON.stringify(text)}`;
}

type Normal = string;

/** A name test read as the test of its path, as conversion writes it for targets that only name the path. */
function asPathTest(p: Predicate, language: LanguageId, scope: string | undefined): Predicate {
  const concept = p.field ? canonicalField(p.field, { language, scope }) : undefined;
  const path = concept && pathOfName(concept);
  if (!path) return p;
  const asPath = nameAsPath(p, path, '\\');
  return asPath ? { ...asPath, field: `\u0000${path}` } : p;
}

function normal(c: Condition, language: LanguageId, scope: string | undefined): Normal {
  switch (c.type) {
    case 'true':
    case 'false':
      return c.type;
    case 'term':
      return `term ${JSON.stringify(c.value.toLowerCase())}`;
    case 'not': {
      const inner = normal(c.operand, language, scope);
      return inner.startsWith('not(') && inner.endsWith(')') ? inner.slice(4, -1) : `not(${inner})`;
    }
    case 'predicate': {
      const p = asPathTest(c.predicate, language, scope);
      if (p.field && isScopeField(p.field)) return 'true';
      const values = p.values.length === 0 ? [''] : p.values;
      const atoms = values.map((v) => atomKey(p, v, language, scope));
      return atoms.length === 1 ? atoms[0] : junction(p.all ? 'and' : 'or', atoms);
    }
    case 'and':
    case 'or':
      return junction(
        c.type,
        c.operands.map((o) => normal(o, language, scope)),
      );
  }
}

function junction(kind: 'and' | 'or', parts: Normal[]): Normal {
  const flat = new Set<string>();
  const absorbing = kind === 'and' ? 'false' : 'true';
  for (const part of parts) {
    if (part === absorbing) return absorbing;
    if (part === (kind === 'and' ? 'true' : 'false')) continue;
    if (part.startsWith(`${kind}(`))
      for (const inner of splitTop(part.slice(kind.length + 1, -1))) flat.add(inner);
    else flat.add(part);
  }
  const sorted = [...flat].sort();
  if (sorted.length === 0) return kind === 'and' ? 'true' : 'false';
  if (sorted.length === 1) return sorted[0];
  return `${kind}(${sorted.join('; ')})`;
}

/** The operands of a written junction: split at `; ` outside parentheses and quotes. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 2;
    }
  }
  out.push(text.slice(from));
  return out;
}

export interface ComparedQuery {
  query: ParsedQuery;
  scope?: string;
}

/** The normal form of a query's single-event condition (what conversion keeps of it). */
export function normalForm(q: ComparedQuery): string {
  return normal(queryCondition(q.query, []), q.query.language, q.scope);
}

export function compareQueries(a: ComparedQuery, b: ComparedQuery): Relation {
  const left = normalForm(a);
  const right = normalForm(b);
  if (left === right) return { equivalent: true, differences: [] };
  const l = new Set(atomsOf(left));
  const r = new Set(atomsOf(right));
  const differences = [
    ...[...l].filter((x) => !r.has(x)).map((x) => `only in the source: ${x}`),
    ...[...r].filter((x) => !l.has(x)).map((x) => `only in the conversion: ${x}`),
  ];
  if (differences.length === 0) differences.push(`the conditions differ in structure: ${left} ≠ ${right}`);
  return { equivalent: false, differences: differences.slice(0, 20) };
}

function atomsOf(form: string): string[] {
  const m = form.match(
    /(?:^|[(; ])([^(); ]+ (?:pattern|regex|cidr|exists|eq|gt|gte|lt|lte|fieldref)(?: cased)? "(?:[^"\\]|\\.)*")/g,
  );
  return (m ?? []).map((x) => x.replace(/^[(; ]/, ''));
}
