/** Indicator listings: the most shared indicators, and the rules behind one. */
import type { Db } from './schema.js';
import type {
  EquivalentIndicator,
  IndicatorField,
  IndicatorKey,
  IndicatorView,
  RuleSummary,
} from './views.js';
import { SUMMARY_COLUMNS, toSummary } from './search.js';
import { MAX_LINKED_VALUE, valueDigest } from '../text/value-digest.js';

export interface IndicatorFilter {
  field?: string;
  /** Taxonomy concept of `field`, resolved by the caller. */
  canonical?: string;
  value?: string;
  op?: string;
  kind?: string;
  top?: number;
}

/** Indicators by corpus count, highest first; counts here include every rule that has the indicator. */
export function listIndicators(db: Db, f: IndicatorFilter): IndicatorView[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.field) {
    clauses.push(
      '(c.canonical = ? OR c.canonical = ? OR EXISTS (SELECT 1 FROM indicators i WHERE i.canonical = c.canonical AND i.field = ? COLLATE NOCASE))',
    );
    params.push(f.canonical ?? f.field, f.field.toLowerCase(), f.field);
  }
  if (f.value) {
    // A value matches itself and, for paths, their last segment: `bitsadmin.exe` finds `\bitsadmin.exe`.
    clauses.push("(c.value = ? OR c.value LIKE ? ESCAPE '!')");
    params.push(f.value.toLowerCase(), `%\\${f.value.toLowerCase().replace(/[!%_]/g, (ch) => `!${ch}`)}`);
  }
  if (f.op) {
    clauses.push('c.op = ?');
    params.push(f.op);
  }
  if (f.kind) {
    clauses.push('c.kind = ?');
    params.push(f.kind);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = db
    .prepare(
      `SELECT c.kind, c.canonical, c.op, c.value, c.count, c.by_language, c.equivalence, e.count AS ecount, e.by_language AS eby,
        (SELECT i.field FROM indicators i WHERE i.canonical = c.canonical AND i.op = c.op AND i.value = c.value LIMIT 1) AS field
       FROM indicator_counts c LEFT JOIN equivalence_counts e ON e.equivalence = c.equivalence
       ${where} ORDER BY c.count DESC, c.canonical, c.value LIMIT ?`,
    )
    .all(...params, Math.min(Math.max(f.top ?? 25, 1), 1000)) as Array<Record<string, unknown>>;
  return rows.map((r) =>
    indicatorView(
      {
        field: r.field as string | null,
        canonical: r.canonical as string,
        op: r.op as string,
        value: r.value as string,
        kind: r.kind as string,
      },
      r,
    ),
  );
}

/**
 * An indicator with the counts of a row joining `indicator_counts` (count, by_language, equivalence)
 * and `equivalence_counts` (ecount, eby); an indicator with no class of its own is its own class.
 */
function indicatorView(
  ind: { field: string | null; kind: string; canonical: string; op: string; value: string },
  r: Record<string, unknown>,
): IndicatorView {
  return {
    ...ind,
    kind: ind.kind as IndicatorView['kind'],
    equivalence: r.equivalence as string,
    count: r.count as number,
    byLanguage: JSON.parse(r.by_language as string),
    equivalentCount: (r.ecount as number) ?? (r.count as number),
    equivalentByLanguage: JSON.parse((r.eby as string) ?? (r.by_language as string)),
  };
}

/** Every rule that has an indicator exactly, or (with `equivalent`) any indicator of its class. */
export function indicatorRules(
  db: Db,
  ind: IndicatorKey & { equivalence?: string },
  equivalent = false,
): RuleSummary[] {
  const sub =
    equivalent && ind.equivalence
      ? { sql: 'SELECT rule FROM indicators WHERE equivalence = ?', params: [ind.equivalence] }
      : {
          sql: 'SELECT rule FROM indicators WHERE kind = ? AND canonical = ? AND op = ? AND value = ?',
          params: [ind.kind, ind.canonical, ind.op, ind.value],
        };
  const rows = db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM rules r JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id
       WHERE r.id IN (${sub.sql}) ORDER BY r.language, r.title COLLATE NOCASE`,
    )
    .all(...sub.params) as Array<Record<string, unknown>>;
  return rows.map(toSummary);
}

/**
 * The value of the indicator of this kind, concept and operator whose value has `digest`: how links name a
 * value too long to carry. Only values longer than links carry are hashed (their UTF-8 is longer still).
 */
export function indicatorValueByDigest(
  db: Db,
  ind: Omit<IndicatorKey, 'value'>,
  digest: string,
): string | undefined {
  const values = db
    .prepare(
      `SELECT value FROM indicator_counts
       WHERE kind = ? AND canonical = ? AND op = ? AND length(CAST(value AS BLOB)) > ?`,
    )
    .pluck()
    .all(ind.kind, ind.canonical, ind.op, MAX_LINKED_VALUE) as string[];
  return values.find((v) => valueDigest(v) === digest);
}

/** The corpus count of one indicator, counting every rule that has it; undefined when none does. */
export function indicatorCount(db: Db, ind: IndicatorKey): IndicatorView | undefined {
  const r = db
    .prepare(
      `SELECT c.count, c.by_language, c.equivalence, e.count AS ecount, e.by_language AS eby
       FROM indicator_counts c LEFT JOIN equivalence_counts e ON e.equivalence = c.equivalence
       WHERE c.kind = ? AND c.canonical = ? AND c.op = ? AND c.value = ?`,
    )
    .get(ind.kind, ind.canonical, ind.op, ind.value) as Record<string, unknown> | undefined;
  return r ? indicatorView({ field: null, ...ind }, r) : undefined;
}

/** The other indicators of an equivalence class (`image ends_with \x.exe` ~ `process name eq x.exe`), most shared first. */
export function equivalentIndicators(
  db: Db,
  equivalence: string,
  self: IndicatorKey,
  limit = 50,
): EquivalentIndicator[] {
  const rows = db
    .prepare(
      `SELECT kind, canonical, op, value, count, by_language FROM indicator_counts
       WHERE equivalence = ? AND NOT (kind = ? AND canonical = ? AND op = ? AND value = ?)
       ORDER BY count DESC, canonical, op, value LIMIT ?`,
    )
    .all(equivalence, self.kind, self.canonical, self.op, self.value, limit) as Array<
    Omit<EquivalentIndicator, 'byLanguage'> & { by_language: string }
  >;
  return rows.map(({ by_language, ...r }) => ({ ...r, byLanguage: JSON.parse(by_language) }));
}

/** How rules write the fields of an indicator (`Image`, `process.executable`, `FolderPath`), with how often. */
export function indicatorFields(db: Db, ind: IndicatorKey): IndicatorField[] {
  return db
    .prepare(
      `SELECT field, language, COUNT(DISTINCT rule) AS count FROM indicators
       WHERE canonical = ? AND op = ? AND value = ? AND kind = ? AND field IS NOT NULL
       GROUP BY field, language ORDER BY count DESC, field LIMIT 30`,
    )
    .all(ind.canonical, ind.op, ind.value, ind.kind) as IndicatorField[];
}
