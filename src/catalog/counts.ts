/** Corpus counts: how many rules share each indicator, exactly and with equivalents, by language. */
import type { Db } from './schema.js';

/** Marks the counts out of date; a source's ingest does this in its own transaction. */
export function markCountsStale(db: Db): void {
  db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('counts', 'stale')").run();
}

/**
 * Recomputes the counts if any ingest changed the catalog since they were last computed, even one
 * that was killed before it could: the flag was committed with the source it changed.
 */
export function refreshCorpusCounts(db: Db): boolean {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'counts'").get() as
    { value: string } | undefined;
  if (row?.value !== 'stale') return false;
  db.transaction(() => {
    recomputeCorpusCounts(db);
    db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('counts', 'fresh')").run();
  })();
  return true;
}

/** Recomputes both count tables from the indicators table in two grouped queries. */
export function recomputeCorpusCounts(db: Db): void {
  db.exec('DELETE FROM indicator_counts; DELETE FROM equivalence_counts;');
  db.exec(`
    INSERT INTO indicator_counts (kind, canonical, op, value, count, by_language, equivalence)
    SELECT kind, canonical, op, value, SUM(n), json_group_object(language, n), MIN(equivalence)
    FROM (SELECT kind, canonical, op, value, language, COUNT(DISTINCT rule) AS n, MIN(equivalence) AS equivalence
          FROM indicators GROUP BY kind, canonical, op, value, language)
    GROUP BY kind, canonical, op, value;
    INSERT INTO equivalence_counts (equivalence, count, by_language)
    SELECT equivalence, SUM(n), json_group_object(language, n)
    FROM (SELECT equivalence, language, COUNT(DISTINCT rule) AS n FROM indicators GROUP BY equivalence, language)
    GROUP BY equivalence;
  `);
}
