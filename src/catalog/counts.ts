/** Corpus counts: how many rules share each indicator, exactly and with equivalents, by language. */
import type { Db } from './schema.js';

/**
 * Recomputes both count tables from the indicators table in two grouped queries; run at the end of
 * every ingest that changed something, inside its transaction.
 */
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
