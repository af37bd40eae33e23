/** ATT&CK in the catalog: each rule's declared techniques for coverage, names rules carry, the stored bundle. */
import type { Db } from './schema.js';
import type { CoverageRule } from '../analysis/coverage/index.js';
import type { AttackData } from '../knowledge/attack/index.js';

export interface CoverageFilter {
  source?: string;
  language?: string;
}

/** Rules with their declared techniques; rules without any are left out. */
/** Every rule of the filter with its techniques (none for a rule without ATT&CK, so totals add up). */
export function ruleTechniques(db: Db, filter: CoverageFilter): CoverageRule[] {
  const rows = db
    .prepare(
      `SELECT r.key AS id, r.title, COALESCE(r.language, 'none') AS language, s.name AS source,
         json_group_array(t.technique) FILTER (WHERE t.technique IS NOT NULL) AS techniques,
         json_extract(json_text(r.document), '$.attack.tactics') AS tactics
       FROM rules r JOIN sources s ON s.id = r.source_id LEFT JOIN rule_techniques t ON t.rule = r.id
       WHERE (? IS NULL OR s.name = ?) AND (? IS NULL OR r.language = ?)
       GROUP BY r.id ORDER BY r.key`,
    )
    .all(
      filter.source ?? null,
      filter.source ?? null,
      filter.language ?? null,
      filter.language ?? null,
    ) as Array<Omit<CoverageRule, 'techniques' | 'tactics'> & { techniques: string; tactics: string | null }>;
  return rows.map((r) => ({
    ...r,
    techniques: JSON.parse(r.techniques),
    tactics: r.tactics ? (JSON.parse(r.tactics) as string[]) : [],
  }));
}

/** Technique names that rules carry (Elastic `threat` blocks), for when no ATT&CK bundle is loaded. */
export function declaredTechniqueNames(db: Db): Record<string, string> {
  const names: Record<string, string> = {};
  const rows = db
    .prepare(
      "SELECT json_extract(json_text(document), '$.attack.names') AS names FROM rules WHERE format IN ('elastic-rule', 'elastic-hunt')",
    )
    .all() as Array<{ names: string | null }>;
  for (const r of rows) if (r.names) Object.assign(names, JSON.parse(r.names));
  return names;
}

export function storedAttack(db: Db): AttackData | undefined {
  const row = db.prepare('SELECT data FROM attack WHERE id = 1').get() as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as AttackData) : undefined;
}

export function storeAttack(db: Db, data: AttackData): void {
  db.prepare('INSERT OR REPLACE INTO attack (id, version, data) VALUES (1, ?, ?)').run(
    data.version,
    JSON.stringify(data),
  );
}
