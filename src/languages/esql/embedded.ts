/** `KQL("...")` and `QSTR("...")` in ES|QL: the embedded Kibana KQL or Lucene query is parsed by its own language. */
import { lookupTable } from '../../text/lookup.js';
import type { Language } from '../language.js';
import { emptyContext } from '../language.js';
import { kueryLanguage } from '../kuery/index.js';
import { luceneLanguage } from '../lucene/index.js';
import type { Literal } from './ast.js';
import type { ConditionContext } from './conditions.js';

const EMBEDDED: Readonly<Record<string, Language>> = lookupTable({
  kql: kueryLanguage,
  qstr: luceneLanguage,
});

export function isEmbeddedQuery(name: string): boolean {
  return Object.hasOwn(EMBEDDED, name);
}

/**
 * Lowers the query inside the string into the current stage, under the polarity of the ES|QL around it. Positions
 * are exact for triple-quoted strings; in a `"..."` string with escapes they drift by the escapes before them.
 */
export function lowerEmbeddedQuery(
  name: string,
  query: Literal,
  negated: boolean,
  ctx: ConditionContext,
): void {
  const tripleQuoted = ctx.text.startsWith('"""', query.start);
  const start = ctx.locator.position(query.start + (tripleQuoted ? 3 : 1));
  const language = EMBEDDED[name];
  const parsed = language.parse({
    source: { language: language.id, text: query.value, start },
    context: emptyContext(),
  });
  for (const stage of parsed.stages) {
    for (const p of stage.predicates) ctx.predicates.push({ ...p, negated: p.negated !== negated });
    for (const t of stage.terms) ctx.terms.push({ ...t, stage: ctx.stage, negated: t.negated !== negated });
  }
  ctx.diagnostics.push(...parsed.diagnostics);
}
