/**
 * Aggregates kept at ingest: rules per source, language and format with parse health, and the technique sets of
 * rules (how many rules of a source and language name exactly these techniques). Pages read these small tables
 * instead of scanning every rule; the ATT&CK matrix is computed from technique sets, whose number grows with
 * distinct mappings, not with rules.
 */
import type { Db } from './schema.js';
import { metaValue, setMetaValue } from './meta.js';

/** Moves with the tables' shape: a catalog whose tallies are of another version has them recomputed on open. */
export const TALLIES_VERSION = '1';

export interface SourceTally {
  sourceId: number;
  language: string;
  format: string;
  rules: number;
  parsed: number;
  errors: number;
}

export interface TechniqueSet {
  source: string;
  language: string;
  /** Sorted technique ids as the rules declare them (empty for rules without ATT&CK). */
  techniques: string[];
  rules: number;
}

/** One statement per table computes a source's rows, for storing them and for reading a catalog without them. */
const SOURCE_TALLY = `SELECT source_id, COALESCE(language, 'none') AS language, format, COUNT(*) AS rules,
    SUM(parsed) AS parsed, SUM(errors > 0) AS errors
  FROM rules WHERE source_id = ? GROUP BY 2, 3`;

const TECHNIQUE_SETS = `SELECT source_id, language, techniques, COUNT(*) AS rules FROM (
    SELECT r.source_id, COALESCE(r.language, 'none') AS language,
      (SELECT json_group_array(technique) FROM (SELECT technique FROM rule_techniques WHERE rule = r.id ORDER BY 1))
        AS techniques
    FROM rules r WHERE r.source_id = ?)
  GROUP BY language, techniques`;

/**
 * Recomputes one source's tallies and moves the catalog generation; called once per source from the ingest,
 * inside its transaction, so readers see tallies and rules change together.
 */
export function recordSourceIngest(db: Db, sourceId: number): void {
  storeTallies(db, sourceId);
  setMetaValue(db, 'generation', String(Number(metaValue(db, 'generation') ?? 0) + 1));
}

function storeTallies(db: Db, sourceId: number): void {
  db.prepare('DELETE FROM source_tallies WHERE source_id = ?').run(sourceId);
  db.prepare('DELETE FROM technique_sets WHERE source_id = ?').run(sourceId);
  db.prepare(
    `INSERT INTO source_tallies (source_id, language, format, rules, parsed, errors) ${SOURCE_TALLY}`,
  ).run(sourceId);
  db.prepare(`INSERT INTO technique_sets (source_id, language, techniques, rules) ${TECHNIQUE_SETS}`).run(
    sourceId,
  );
}

/** Tallies for a catalog made before they existed (or by another version): computed for every source once. */
export function ensureTallies(db: Db): void {
  if (metaValue(db, 'tallies') === TALLIES_VERSION) return;
  db.transaction(() => {
    db.exec('DELETE FROM source_tallies; DELETE FROM technique_sets;');
    for (const id of db.prepare('SELECT id FROM sources').pluck().all() as number[]) storeTallies(db, id);
    setMetaValue(db, 'tallies', TALLIES_VERSION);
  })();
}

/** Whether the stored tallies can be read (a read-only catalog of an older version has none). */
function stored(db: Db): boolean {
  return metaValue(db, 'tallies') === TALLIES_VERSION;
}

/** Every source's rows per language and format. */
export function sourceTallies(db: Db): SourceTally[] {
  const rows = stored(db)
    ? db.prepare('SELECT * FROM source_tallies ORDER BY source_id, language, format').all()
    : (db.prepare('SELECT id FROM sources').pluck().all() as number[]).flatMap((id) =>
        db.prepare(SOURCE_TALLY).all(id),
      );
  return (rows as Array<Record<string, number | string>>).map((r) => ({
    sourceId: r.source_id as number,
    language: r.language as string,
    format: r.format as string,
    rules: r.rules as number,
    parsed: r.parsed as number,
    errors: r.errors as number,
  }));
}

/** Technique sets of the rules a filter selects, summed over sources unless one is named. */
export function techniqueSets(db: Db, filter: { source?: string; language?: string }): TechniqueSet[] {
  const sources = db.prepare('SELECT id, name FROM sources').all() as Array<{ id: number; name: string }>;
  const chosen = sources.filter((s) => !filter.source || s.name === filter.source);
  const rows = stored(db)
    ? chosen.flatMap((s) => db.prepare('SELECT * FROM technique_sets WHERE source_id = ?').all(s.id))
    : chosen.flatMap((s) => db.prepare(TECHNIQUE_SETS).all(s.id));
  const names = new Map(sources.map((s) => [s.id, s.name]));
  return (rows as Array<{ source_id: number; language: string; techniques: string; rules: number }>)
    .filter((r) => !filter.language || r.language === filter.language)
    .map((r) => ({
      source: names.get(r.source_id) ?? '',
      language: r.language,
      techniques: JSON.parse(r.techniques) as string[],
      rules: r.rules,
    }));
}
