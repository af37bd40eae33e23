/** The compact projection of a parsed query that golden files hold: what a reviewer needs to read, without spans. */
import type { ParsedQuery } from '../src/model/stage.js';
import type { Predicate } from '../src/model/predicate.js';

function projectPredicate(p: Predicate): Record<string, unknown> {
  const out: Record<string, unknown> = { field: p.field, op: p.op, values: p.values, negated: p.negated };
  if (p.caseSensitive) out.caseSensitive = true;
  if (p.all) out.all = true;
  if (p.scope) out.scope = p.scope;
  if (p.derivedFrom) out.derivedFrom = p.derivedFrom;
  if (p.modifiers?.length) out.modifiers = p.modifiers;
  if (p.valueKind) out.valueKind = p.valueKind;
  if (p.span) out.at = `${p.span.start.line}:${p.span.start.column}`;
  return out;
}

export function projectQuery(q: ParsedQuery): Record<string, unknown> {
  return {
    stages: q.stages.map((s) => ({
      index: s.index,
      kind: s.kind,
      ...(s.name ? { name: s.name } : {}),
      ...(s.parent !== undefined ? { parent: s.parent } : {}),
      text: s.text,
      predicates: s.predicates.map(projectPredicate),
      ...(s.terms.length ? { terms: s.terms.map((t) => (t.negated ? `NOT ${t.value}` : t.value)) } : {}),
    })),
    ...(q.dataSources.length ? { dataSources: q.dataSources.map((d) => `${d.kind}:${d.value}`) } : {}),
    ...(q.unresolved.length ? { unresolved: q.unresolved } : {}),
    diagnostics: q.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`),
  };
}
