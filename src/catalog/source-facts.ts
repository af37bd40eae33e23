/** The facts of a source as its last ingest stored them: remote, place in its checkout, head commit. */
import type { Db } from './schema.js';
import type { SourceFacts } from '../sources/facts.js';

export function storedSourceFacts(db: Db, name: string): SourceFacts | undefined {
  return db.prepare('SELECT remote, prefix, head FROM sources WHERE name = ?').get(name) as
    SourceFacts | undefined;
}
