/** Findings about fields the field taxonomy does not know for the rule's language and table (notes: the taxonomy is not complete). */
import { canonicalField } from '../../knowledge/fields/index.js';
import type { RuleDocument } from '../../model/rule.js';
import type { ParsedQuery } from '../../model/stage.js';
import type { CheckedFile, Finding } from './finding.js';

export function fieldFindings(file: CheckedFile, rule: RuleDocument, query: ParsedQuery): Finding[] {
  if (!rule.language) return [];
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const p of query.stages.flatMap((s) => s.predicates)) {
    // Computed fields and fields compared with fields are the query's own names, not the log's.
    if (!p.field || p.derivedFrom || p.valueKind === 'field' || seen.has(p.field)) continue;
    seen.add(p.field);
    if (canonicalField(p.field, { language: rule.language, scope: p.scope }) !== undefined) continue;
    const where = p.scope ? ` in ${p.scope}` : '';
    out.push(
      file.finding(
        'field/unknown',
        `${p.field}${where} is not in the field taxonomy for ${rule.language}`,
        rule,
        p.span,
      ),
    );
  }
  return out;
}
