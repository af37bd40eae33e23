/** The catalog's facts about itself: who made it, so a command never rebuilds a catalog someone else made. */
import type { Db } from './schema.js';

export function metaValue(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMetaValue(db: Db, key: string, value: string): void {
  db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run(key, value);
}
