/** What the catalog holds of a source's files from its last ingest, for the scan to compare with. */
import type { Db } from './schema.js';
import type { SourceArtifact } from '../model/artifact.js';
import type { StoredFile } from '../sources/scan.js';

export function storedFiles(db: Db, sourceId: number): Map<string, StoredFile> {
  const rows = db
    .prepare('SELECT id, path, hash, bytes, mtime, format, rules, artifacts FROM files WHERE source_id = ?')
    .all(sourceId) as Array<Omit<StoredFile, 'artifacts'> & { artifacts: string }>;
  return new Map(rows.map((r) => [r.path, { ...r, artifacts: JSON.parse(r.artifacts) as SourceArtifact[] }]));
}
