/** Ingests source folders into the catalog: incremental by content hash, one transaction per source. */
import { basename, resolve } from 'node:path';
import type { Db } from './schema.js';
import type { SourceArtifact } from '../model/artifact.js';
import type { SourceFile } from '../formats/format.js';
import { readerFor } from '../formats/registry.js';
import { diagnostic } from '../text/diagnostics.js';
import { processFile, type FileOutcome } from './process-file.js';
import { contextFrom } from '../analysis/source-context.js';
import { scanSource, storedFiles, type ChangedFile, type SourceScan, type StoredFile } from './scan.js';
import { CatalogWriter, type FileWrite } from './write.js';
import { recomputeCorpusCounts } from './counts.js';
import { readSourceText, MAX_FILE_BYTES } from './walk.js';
import { gitRemote } from './git-remote.js';

export interface IngestOptions {
  name?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface SourceIngest {
  name: string;
  root: string;
  files: number;
  /** Files read and parsed this time (new or changed, or re-parsed because the source's macros changed). */
  parsedFiles: number;
  removedFiles: number;
}

export function ingestSource(db: Db, rootArg: string, options: IngestOptions = {}): SourceIngest {
  const root = resolve(rootArg);
  const name = options.name ?? basename(root);
  const sourceId = upsertSource(db, name, root);
  const stored = storedFiles(db, sourceId);
  const scan = scanSource(root, stored);
  const newArtifacts = readArtifactFiles(scan, name);
  const artifactsMoved = artifactsChanged(scan, newArtifacts);
  const context = contextFrom([...scan.unchanged.flatMap((f) => f.artifacts), ...[...newArtifacts.values()].flatMap((o) => o.artifacts)]);
  // When macros or data sources change, every rule of the source may read differently: re-parse them all.
  const work: ChangedFile[] = [...scan.changed, ...(artifactsMoved ? rereadRuleFiles(root, scan.unchanged) : [])];
  const writes: Array<{ file: ChangedFile; outcome: FileOutcome }> = [];
  work.forEach((file, i) => {
    const outcome = newArtifacts.get(file.entry.path) ?? outcomeOf(file, name, context);
    writes.push({ file, outcome });
    options.onProgress?.(i + 1, work.length);
  });
  const writer = new CatalogWriter(db);
  db.transaction(() => {
    for (const old of scan.removed) db.prepare('DELETE FROM files WHERE id = ?').run(old.id);
    const touch = db.prepare('UPDATE files SET mtime = ? WHERE id = ?');
    for (const t of scan.touched) touch.run(t.mtime, t.id);
    for (const { file, outcome } of writes) writer.writeFile(sourceId, name, fileWrite(file, outcome));
    const skipped = db.prepare('SELECT COUNT(*) AS n FROM files WHERE source_id = ? AND format IS NULL').get(sourceId) as { n: number };
    db.prepare("UPDATE sources SET files = ?, skipped = ?, ingested_at = datetime('now'), remote = ? WHERE id = ?").run(
      scan.files,
      skipped.n,
      gitRemote(root) ?? null,
      sourceId,
    );
    if (writes.length > 0 || scan.removed.length > 0) recomputeCorpusCounts(db);
  })();
  return { name, root, files: scan.files, parsedFiles: writes.length, removedFiles: scan.removed.length };
}

function upsertSource(db: Db, name: string, root: string): number {
  const row = db
    .prepare('INSERT INTO sources (name, root) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET root = excluded.root RETURNING id')
    .get(name, root) as { id: number };
  return row.id;
}

function toSourceFile(file: ChangedFile, sourceName: string): SourceFile {
  return { path: file.entry.path, text: file.text ?? '', bytes: file.entry.bytes, sourceName };
}

/** Macro and data-source files are read before any rule, since every rule may use them. */
function readArtifactFiles(scan: SourceScan, sourceName: string): Map<string, FileOutcome> {
  const outcomes = new Map<string, FileOutcome>();
  for (const file of scan.changed) {
    if (file.text === undefined) continue;
    const sourceFile = toSourceFile(file, sourceName);
    if (readerFor(sourceFile)?.artifactsOnly) outcomes.set(file.entry.path, processFile(sourceFile, contextFrom([])));
  }
  return outcomes;
}

function artifactsChanged(scan: SourceScan, fresh: Map<string, FileOutcome>): boolean {
  const had = (f: StoredFile): boolean => f.artifacts.length > 0;
  const stored = new Map([...scan.unchanged, ...scan.removed].map((f) => [f.path, f]));
  if (scan.removed.some(had)) return true;
  if ([...fresh.values()].some((o) => o.artifacts.length > 0)) return true;
  return scan.changed.some((c) => {
    const old = stored.get(c.entry.path);
    return old !== undefined && had(old);
  });
}

function rereadRuleFiles(root: string, unchanged: StoredFile[]): ChangedFile[] {
  return unchanged
    .filter((f) => f.rules > 0)
    .map((f) => {
      const absPath = resolve(root, f.path);
      const read = readSourceText(absPath, f.bytes);
      return { entry: { path: f.path, absPath, bytes: f.bytes, mtimeMs: f.mtime }, hash: f.hash, text: read.kind === 'text' ? read.text : undefined };
    });
}

function outcomeOf(file: ChangedFile, sourceName: string, context: ReturnType<typeof contextFrom>): FileOutcome {
  if (file.text === undefined) {
    const why = file.problem === 'too-large' ? `File is larger than ${MAX_FILE_BYTES} bytes; not read` : 'Binary file; not read';
    const d = diagnostic('warning', why, { line: 1, column: 1, offset: 0 }, 'catalog');
    return { path: file.entry.path, format: null, rules: [], artifacts: [], diagnostics: [d] };
  }
  return processFile(toSourceFile(file, sourceName), context);
}

function fileWrite(file: ChangedFile, outcome: FileOutcome): FileWrite {
  return { hash: file.hash, bytes: file.entry.bytes, mtime: file.entry.mtimeMs, outcome };
}
