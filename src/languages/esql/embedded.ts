/** `KQL("...")` and `QSTR("...")` in ES|QL: the embedded Kibana KQL or Lucene query is parsed by its own language. */
import { lookupTable } from '../../text/lookup.js';
import type { Language } from '../language.js';
import { emptyContext } from '../language.js';
import { kueryLanguage } from '../kuery/index.js';
import { luceneLanguage } from '../lucene/index.js';
import type { Logic, ParsedQuery, Stage } from '../../model/stage.js';
import type { Literal } from './ast.js';
import type { ConditionContext } from './conditions.js';

const EMBEDDED: Readonly<Record<string, Language>> = lookupTable({
  kql: kueryLanguage,
  qstr: luceneLanguage,
});

export function isEmbeddedQuery(name: string): boolean {
  return Object.hasOwn(EMBEDDED, name);
}

/** Where an embedded stage's predicates and terms start in the ES|QL stage's lists. */
interface Offsets {
  predicates: number;
  terms: number;
}

/** The implicit tree of a stage without one: its predicates and terms ANDed with their own polarity. */
function implicitLogic(stage: Stage): Logic {
  const leaf = (type: 'predicate' | 'term', index: number, negated: boolean): Logic =>
    negated ? { type: 'not', operand: { type, index } } : { type, index };
  return {
    type: 'and',
    operands: [
      ...stage.predicates.map((p, i) => leaf('predicate', i, p.negated)),
      ...stage.terms.map((t, i) => leaf('term', i, t.negated)),
    ],
  };
}

/** A stage's logic with its leaves moved to where its predicates and terms now sit, and stage nodes inlined. */
function moved(node: Logic, query: ParsedQuery, at: Offsets[], stage: number, depth = 0): Logic {
  if (depth > 64) return { type: 'false' };
  switch (node.type) {
    case 'predicate':
      return { type: 'predicate', index: node.index + at[stage].predicates };
    case 'term':
      return { type: 'term', index: node.index + at[stage].terms };
    case 'stage': {
      const target = query.stages[node.index];
      return target
        ? moved(target.logic ?? implicitLogic(target), query, at, node.index, depth + 1)
        : { type: 'false' };
    }
    case 'not':
      return { type: 'not', operand: moved(node.operand, query, at, stage, depth + 1) };
    case 'and':
    case 'or':
      return { type: node.type, operands: node.operands.map((o) => moved(o, query, at, stage, depth + 1)) };
    default:
      return node;
  }
}

/**
 * Lowers the query inside the string into the current stage, under the polarity of the ES|QL around it, and
 * returns its logic. Positions are exact for triple-quoted strings; in a `"..."` string with escapes they drift
 * by the escapes before them.
 */
export function lowerEmbeddedQuery(
  name: string,
  query: Literal,
  negated: boolean,
  ctx: ConditionContext,
): Logic {
  const tripleQuoted = ctx.text.startsWith('"""', query.start);
  const start = ctx.locator.position(query.start + (tripleQuoted ? 3 : 1));
  const language = EMBEDDED[name];
  const parsed = language.parse({
    source: { language: language.id, text: query.value, start },
    context: emptyContext(),
  });
  const at: Offsets[] = [];
  for (const stage of parsed.stages) {
    at.push({ predicates: ctx.predicates.length, terms: ctx.terms.length });
    for (const p of stage.predicates) ctx.predicates.push({ ...p, negated: p.negated !== negated });
    for (const t of stage.terms) ctx.terms.push({ ...t, stage: ctx.stage, negated: t.negated !== negated });
  }
  ctx.diagnostics.push(...parsed.diagnostics);
  const roots = parsed.stages
    .filter((s) => s.parent === undefined)
    .map((s): Logic => ({ type: 'stage', index: s.index }));
  return moved(parsed.logic ?? { type: 'and', operands: roots }, parsed, at, 0);
}
