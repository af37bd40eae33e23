/** Why files were skipped: binary, too large, unreadable, links, FIFOs, or text no reader takes, counted per reason. */
import type { Db } from './schema.js';
import { unreadReason } from './unread.js';

const UNREAD_CODE = /"code":"(catalog\/[a-z0-9-]+)"/;

/** The reason a skipped file was not read, from the warning the ingest stored with it, else its extension. */
function reasonOf(path: string, diagnostics: string): string {
  const code = UNREAD_CODE.exec(diagnostics)?.[1];
  const reason = code ? unreadReason(code) : undefined;
  if (reason) return reason;
  // Catalogs written before skips carried codes.
  if (diagnostics.includes('Binary file')) return 'binary';
  if (diagnostics.includes('larger than')) return 'too large';
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0
    ? `no reader takes ${name.slice(dot).toLowerCase()} files`
    : 'no reader takes it (no extension)';
}

/** Skipped files of the named sources (all when none), counted by reason, most frequent first. */
export function skippedByReason(db: Db, sources: string[]): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT f.path, f.diagnostics FROM files f JOIN sources s ON s.id = f.source_id
       WHERE f.format IS NULL AND (? = 0 OR s.name IN (SELECT value FROM json_each(?)))`,
    )
    .all(sources.length, JSON.stringify(sources)) as Array<{ path: string; diagnostics: string }>;
  const counts = new Map<string, number>();
  for (const r of rows) {
    const reason = reasonOf(r.path, r.diagnostics);
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}
