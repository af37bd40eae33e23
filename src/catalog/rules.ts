/** Reads one rule as its page shows it, with corpus counts that leave the rule itself out. */
import { FEW_RULES } from '../analysis/related-indicators.js';
import { relatedIndicators } from './related-queries.js';
import type { Db } from './schema.js';
import type { IndicatorKind } from '../model/indicator.js';
import type { IndicatorView, RuleSummary, RuleView } from './views.js';
import { SUMMARY_COLUMNS, toSummary } from './search.js';
import { unpackJson } from './packed-json.js';

interface RuleRow extends Record<string, unknown> {
  rid: number;
  document: string | Uint8Array;
  query: string | Uint8Array | null;
  events: string;
  diagnostics: string;
  remote: string | null;
}

/**
 * A rule by catalog key (`source:path`), by its own id, or by a path suffix that starts at a `/` or is the
 * whole path (`windows/x.yml` finds `sigma:rules/windows/x.yml`; `l` or `ws/x.yml` finds nothing there); the
 * first match wins. A suffix with a control character is not looked for: SQLite's text functions stop at a NUL.
 */
export function findRuleRow(db: Db, ref: string): RuleRow | undefined {
  if (ref === '') return undefined;
  const select = `SELECT r.id AS rid, ${SUMMARY_COLUMNS}, r.document, r.query, r.events, r.diagnostics, s.remote
    FROM rules r JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id`;
  const exact = (db.prepare(`${select} WHERE r.key = ?`).get(ref) ??
    db.prepare(`${select} WHERE r.rule_id = ? ORDER BY r.id LIMIT 1`).get(ref)) as RuleRow | undefined;
  if (exact || /\p{Cc}/u.test(ref)) return exact;
  const suffix = ref.startsWith('/') ? ref.slice(1) : ref;
  return db
    .prepare(
      `${select} WHERE substr(r.key, -@n) = @suffix AND substr(r.key, -@n - 1, 1) IN ('/', ':')
        ORDER BY r.id LIMIT 1`,
    )
    .get({ n: [...suffix].length, suffix }) as RuleRow | undefined;
}

export function ruleView(db: Db, ref: string): RuleView | undefined {
  const row = findRuleRow(db, ref);
  if (!row) return undefined;
  const summary = toSummary(row);
  return {
    ...summary,
    document: unpackJson(row.document),
    query: row.query ? unpackJson(row.query) : null,
    events: JSON.parse(row.events),
    diagnostics: JSON.parse(row.diagnostics),
    indicators: ruleIndicators(db, row.rid, summary),
    remote: row.remote,
  };
}

/** Related indicators listed under one few rules share. */
const NEAR_SHOWN = 3;

interface IndicatorCountRow {
  field: string | null;
  canonical: string;
  op: string;
  value: string;
  kind: IndicatorKind;
  equivalence: string;
  count: number | null;
  by_language: string | null;
  ecount: number | null;
  eby: string | null;
}

function ruleIndicators(db: Db, rid: number, self: RuleSummary): IndicatorView[] {
  const rows = db
    .prepare(
      `SELECT i.field, i.canonical, i.op, i.value, i.kind, i.equivalence,
        c.count, c.by_language, e.count AS ecount, e.by_language AS eby
       FROM indicators i
       LEFT JOIN indicator_counts c ON c.kind = i.kind AND c.canonical = i.canonical AND c.op = i.op AND c.value = i.value
       LEFT JOIN equivalence_counts e ON e.equivalence = i.equivalence
       WHERE i.rule = ? ORDER BY i.kind, i.stage, i.rowid`,
    )
    .all(rid) as IndicatorCountRow[];
  const language = self.language ?? '';
  return rows.map(({ field, canonical, op, value, kind, equivalence, ...r }) => {
    const exact = withoutSelf(r.count ?? 1, r.by_language, language);
    const equivalent = withoutSelf(r.ecount ?? 1, r.eby, language);
    const view: IndicatorView = {
      field,
      canonical,
      op,
      value,
      kind,
      equivalence,
      count: exact.count,
      byLanguage: exact.byLanguage,
      equivalentCount: equivalent.count,
      equivalentByLanguage: equivalent.byLanguage,
    };
    if (exact.count <= FEW_RULES) view.related = relatedIndicators(db, view, NEAR_SHOWN);
    return view;
  });
}

/** Counts hold every rule with the indicator; a rule's page counts the others. */
function withoutSelf(
  count: number,
  byJson: string | null,
  language: string,
): { count: number; byLanguage: Record<string, number> } {
  const by = byJson ? (JSON.parse(byJson) as Record<string, number>) : {};
  if (by[language] !== undefined) {
    by[language] -= 1;
    if (by[language] <= 0) delete by[language];
  }
  return { count: Math.max(count - 1, 0), byLanguage: by };
}
