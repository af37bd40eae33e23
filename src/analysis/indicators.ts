/** Lifts a parsed query's predicates to indicators: canonical field, op and value normalized by the language's semantics. */
import type { Indicator } from '../model/indicator.js';
import type { LanguageId } from '../model/ids.js';
import type { Op, Predicate } from '../model/predicate.js';
import type { ParsedQuery } from '../model/stage.js';
import {
  canonicalField,
  canonicalRegistryPath,
  equivalents,
  indicatorLinks,
  registryKeyConcepts,
  type FieldIndicator,
} from '../knowledge/fields/index.js';
import { regexLiteral } from '../text/regex.js';

/** Ops whose values are patterns or numbers, which case folding would change the meaning of. */
const UNFOLDED_OPS: ReadonlySet<Op> = new Set([
  'regex',
  'cidr',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'fieldref',
]);

/** Every indicator of a parsed query, one per predicate value, without duplicates. */
export function indicatorsOf(query: ParsedQuery): Indicator[] {
  const seen = new Set<string>();
  const out: Indicator[] = [];
  for (const stage of query.stages) {
    for (const p of stage.predicates) {
      // Field names, computed expressions and list names are not values anyone else looks for.
      if (p.valueKind) continue;
      for (const ind of predicateIndicators(p, query.language, stage.index)) {
        const key = `${ind.kind}|${ind.canonical}|${ind.op}|${ind.value}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(ind);
        }
      }
    }
  }
  return out;
}

export function predicateIndicators(p: Predicate, language: LanguageId, stage: number): Indicator[] {
  const canonical =
    p.field === null
      ? 'keyword'
      : (canonicalField(p.field, { language, scope: p.scope }) ?? p.field.toLowerCase());
  const values = p.op === 'exists' && p.values.length === 0 ? [''] : p.values;
  const registryConcept = registryKeyConcepts().includes(canonical);
  return values.map((raw) => {
    const normalized = normalizeValue(p.op, raw, p.caseSensitive, language);
    const op = normalized.op;
    const registry = registryConcept && !UNFOLDED_OPS.has(op);
    const value = registry ? canonicalRegistryPath(normalized.value, !p.caseSensitive) : normalized.value;
    const ind: Indicator = {
      type: 'indicator',
      field: p.field,
      canonical,
      op,
      value,
      kind: p.negated ? 'exclusion' : 'detection',
      language,
      stage,
      equivalence: '',
    };
    ind.equivalence = equivalenceKey(ind);
    return ind;
  });
}

/**
 * Globs of the form `*x`, `x*`, `*x*` and plain values become the ops they mean; case folds where matching
 * ignores it. Globs come out in one canonical form whatever the language: `*` and `?` are wildcards, a `\`
 * before them is a backslash (`HKU\*\Software` in EQL and `HKU\\*\Software` in Sigma are one value), and
 * a literal `*` or `?` (Sigma `\*`) is written `[*]`, `[?]`.
 */
export function normalizeValue(
  op: Op,
  raw: string,
  caseSensitive: boolean,
  language?: LanguageId,
): { op: Op; value: string } {
  if (op === 'regex') return regexIndicator(raw, caseSensitive) ?? { op, value: raw };
  const value = caseSensitive || UNFOLDED_OPS.has(op) ? raw : raw.toLowerCase();
  if (op !== 'wildcard') return { op, value };
  const pieces = globPieces(value, language !== undefined && MODEL_GLOB_LANGUAGES.has(language));
  let first = 0;
  let last = pieces.length;
  while (first < last && pieces[first].wild && pieces[first].char === '*') first++;
  while (last > first && pieces[last - 1].wild && pieces[last - 1].char === '*') last--;
  const inner = pieces.slice(first, last);
  if (inner.length === 0 || inner.some((p) => p.wild)) return { op, value: canonicalGlob(pieces) };
  const text = inner.map((p) => p.char).join('');
  const leading = first > 0;
  const trailing = last < pieces.length;
  if (leading && trailing) return { op: 'match', value: text };
  if (leading) return { op: 'ends_with', value: text };
  if (trailing) return { op: 'starts_with', value: text };
  return { op: 'eq', value: text };
}

/**
 * A regex that finds one literal (YARA-L `/.*\\winword\.exe/ nocase`) is the plain test it means (`match
 * \winword.exe`), so it links with the same test written without a regex in any language. Every language's
 * regex is a search in the model (whole-value ones are anchored by their parsers), so one reading serves all.
 */
function regexIndicator(pattern: string, caseSensitive: boolean): { op: Op; value: string } | undefined {
  const literal = regexLiteral(pattern);
  if (!literal) return undefined;
  const value = caseSensitive && !literal.foldsCase ? literal.text : literal.text.toLowerCase();
  const op: Op = literal.start ? (literal.end ? 'eq' : 'starts_with') : literal.end ? 'ends_with' : 'match';
  return { op, value };
}

/** Languages whose wildcard values are written as the model's globs, with `\*`, `\?` and `\\` escapes. */
const MODEL_GLOB_LANGUAGES = new Set<string>(['sigma', 'spl', 'esql', 'eql', 'kuery', 'lucene']);

/** One character of a glob: `wild` when it is a wildcard. */
interface GlobPiece {
  char: string;
  wild: boolean;
}

/**
 * A glob's characters. The model's escapes (`\*`, `\?` and `\\` before them) make literal characters; in the
 * values of languages not yet written that way (escapes removed by their parsers) every `*` and `?` is a wildcard.
 */
function globPieces(glob: string, sigmaEscapes: boolean): GlobPiece[] {
  const out: GlobPiece[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const next = glob[i + 1];
    if (sigmaEscapes && c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      out.push({ char: next, wild: false });
      i++;
    } else out.push({ char: c, wild: c === '*' || c === '?' });
  }
  return out;
}

function canonicalGlob(pieces: GlobPiece[]): string {
  return pieces.map((p) => (!p.wild && (p.char === '*' || p.char === '?') ? `[${p.char}]` : p.char)).join('');
}

function indicatorKey(i: { canonical: string; op: string; value: string }): string {
  return `${i.canonical}|${i.op}|${i.value}`;
}

/**
 * The key of an indicator's equivalence class. Some equivalents lead one way only (`HKLM\…\Run\` → the key path
 * `\…\Run`, a padded command-line word → the argument), so the class is taken at its end: among the indicators
 * reachable from this one, those that reach the fewest others, and their least key. Every member of a class, and
 * every indicator that leads into it, gets the same key whichever it starts from.
 */
/** The indicator with another value (an event id qualified by its log), its equivalence class found again. */
export function requalified(ind: Indicator, value: string): Indicator {
  const out = { ...ind, value };
  out.equivalence = equivalenceKey(out);
  return out;
}

function equivalenceKey(ind: Indicator): string {
  const start = indicatorKey(ind);
  const cached = classKeys.get(start);
  if (cached !== undefined) return `${ind.kind}|${cached}`;
  const reach = reachableEquivalents(
    { canonical: ind.canonical, op: ind.op, value: ind.value },
    indicatorLinks,
  );
  let best = start;
  let bestSize = Infinity;
  for (const [key, member] of reach) {
    const own = key === start ? reach : reachableEquivalents(member, indicatorLinks);
    const least = leastKey(own);
    if (own.size < bestSize || (own.size === bestSize && least < best)) {
      best = least;
      bestSize = own.size;
    }
  }
  if (classKeys.size >= CLASS_KEY_LIMIT) classKeys.clear();
  classKeys.set(start, best);
  return `${ind.kind}|${best}`;
}

const classKeys = new Map<string, string>();
const CLASS_KEY_LIMIT = 100_000;

/**
 * The indicators an indicator's equivalents lead to, itself included, by key: each is implied by it. With
 * `indicatorLinks`, also those it looks for the same thing as (for classes of indicators, not for logic).
 */
export function reachableEquivalents(
  from: FieldIndicator,
  links: (i: FieldIndicator) => FieldIndicator[] = equivalents,
): Map<string, FieldIndicator> {
  const seen = new Map([[indicatorKey(from), from]]);
  const queue = [from];
  while (queue.length && seen.size < 16) {
    for (const e of links(queue.shift()!)) {
      const k = indicatorKey(e);
      if (!seen.has(k)) {
        seen.set(k, e);
        queue.push(e);
      }
    }
  }
  return seen;
}

function leastKey(keys: Map<string, FieldIndicator>): string {
  let best = '';
  for (const k of keys.keys()) if (best === '' || k < best) best = k;
  return best;
}
