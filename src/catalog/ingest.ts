/** Ingests source folders into the catalog: incremental by content hash, one transaction per source. */
import { basename, resolve } from 'node:path';
import type { Db } from './schema.js';
import type { SourceFile } from '../formats/format.js';
import { readerOf, recognize } from '../formats/registry.js';
import { diagnostic } from '../text/diagnostics.js';
import { contextFrom } from '../analysis/source-context.js';
import { processFile, skippedOutcome, type FileOutcome, type RecognizedFile } from './process-file.js';
import { scanSource, type ChangedFile, type SourceScan, type StoredFile } from '../sources/scan.js';
import { readSourceText, MAX_FILE_BYTES } from '../sources/decode.js';
import { sourceFacts } from '../sources/facts.js';
import { storedFiles } from './stored-files.js';
import { CatalogWriter } from './write.js';
import { markCountsStale, refreshCorpusCounts } from './counts.js';
import { refreshRelations } from './relations.js';
import { defaultJobs, parseFiles } from './parse-pool.js';
import { recordSourceIngest } from './tallies.js';

export interface IngestOptions {
  name?: string;
  /** Parse threads; defaults to the number of cores. */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Leave corpus counts and rule relations for the caller to refresh once after several sources (see counts.ts). */
  deferCounts?: boolean;
}

export interface SourceIngest {
  name: string;
  root: string;
  files: number;
  /** Files read and parsed this time (new or changed, or re-parsed because the source's macros changed). */
  parsedFiles: number;
  removedFiles: number;
}

/** A new or changed file, recognised once here on the main thread; parse workers read it with that recognition. */
interface PendingFile {
  changed: ChangedFile;
  /** Undefined when no reader takes the file, or it is not text. */
  recognized?: RecognizedFile;
}

export async function ingestSource(
  db: Db,
  rootArg: string,
  options: IngestOptions = {},
): Promise<SourceIngest> {
  const root = resolve(rootArg);
  const name = options.name ?? basename(root);
  const sourceId = upsertSource(db, name, root);
  const scan = scanSource(root, storedFiles(db, sourceId));
  const changed = scan.changed.map((f) => recognized(f, name));
  const artifactOutcomes = readArtifactFiles(changed);
  const artifacts = [
    ...scan.unchanged.flatMap((f) => f.artifacts),
    ...artifactOutcomes.flatMap((o) => o.outcome.artifacts),
  ];
  // When macros or data sources change, every rule of the source may read differently: parse them all again.
  const reread = artifactsChanged(scan, artifactOutcomes)
    ? rereadRuleFiles(root, scan.unchanged).map((f) => recognized(f, name))
    : [];
  const pending = [...changed, ...reread].filter((f) => !artifactOutcomes.some((a) => a.file === f));
  const byPath = new Map(pending.map((f) => [f.changed.entry.path, f.changed]));
  const writer = new CatalogWriter(db);
  const total = pending.length + artifactOutcomes.length;
  let done = 0;
  const write = (file: ChangedFile, outcome: FileOutcome): void => {
    writer.writeFile(sourceId, name, {
      hash: file.hash,
      bytes: file.entry.bytes,
      mtime: file.entry.mtimeMs,
      outcome,
    });
    options.onProgress?.(++done, total);
  };
  // One transaction for the whole source: readers (WAL) see the previous state until it commits.
  db.exec('BEGIN IMMEDIATE');
  try {
    removeAndTouch(db, scan);
    for (const { file, outcome } of artifactOutcomes) write(file.changed, outcome);
    for (const file of pending.filter((f) => !f.recognized)) write(file.changed, unreadOutcome(file.changed));
    const toParse = pending.flatMap((f) => (f.recognized ? [f.recognized] : []));
    await parseFiles(toParse, artifacts, options.jobs ?? defaultJobs(), (outcomes) => {
      for (const o of outcomes) write(byPath.get(o.path)!, o);
    });
    finishSource(db, sourceId, root, scan.files);
    if (total > 0 || scan.removed.length > 0) recordSourceIngest(db, sourceId);
    if (total > 0 || scan.removed.length > 0) markCountsStale(db);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  if (!options.deferCounts) {
    refreshCorpusCounts(db);
    refreshRelations(db);
  }
  return { name, root, files: scan.files, parsedFiles: total, removedFiles: scan.removed.length };
}

function upsertSource(db: Db, name: string, root: string): number {
  const row = db
    .prepare(
      'INSERT INTO sources (name, root) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET root = excluded.root RETURNING id',
    )
    .get(name, root) as { id: number };
  return row.id;
}

function removeAndTouch(db: Db, scan: SourceScan): void {
  const remove = db.prepare('DELETE FROM files WHERE id = ?');
  for (const old of scan.removed) remove.run(old.id);
  const touch = db.prepare('UPDATE files SET mtime = ? WHERE id = ?');
  for (const t of scan.touched) touch.run(t.mtime, t.id);
}

/** The source's counts and its facts (remote, place in its checkout, head commit), as of this ingest. */
function finishSource(db: Db, sourceId: number, root: string, files: number): void {
  const skipped = db
    .prepare('SELECT COUNT(*) AS n FROM files WHERE source_id = ? AND format IS NULL')
    .get(sourceId) as { n: number };
  const facts = sourceFacts(root);
  db.prepare(
    `UPDATE sources SET files = ?, skipped = ?, ingested_at = datetime('now'), remote = ?, prefix = ?, head = ?
     WHERE id = ?`,
  ).run(files, skipped.n, facts.remote, facts.prefix, facts.head, sourceId);
}

function recognized(changed: ChangedFile, sourceName: string): PendingFile {
  if (changed.text === undefined) return { changed };
  const file: SourceFile = {
    path: changed.entry.path,
    text: changed.text,
    bytes: changed.entry.bytes,
    sourceName,
  };
  const recognition = recognize(file);
  return { changed, recognized: recognition ? { file, recognition } : undefined };
}

/** Macro and data-source files are read before any rule, since every rule may use them. */
function readArtifactFiles(changed: PendingFile[]): Array<{ file: PendingFile; outcome: FileOutcome }> {
  const out: Array<{ file: PendingFile; outcome: FileOutcome }> = [];
  for (const file of changed) {
    if (file.recognized && readerOf(file.recognized.recognition).artifactsOnly)
      out.push({ file, outcome: processFile(file.recognized, contextFrom([])) });
  }
  return out;
}

function artifactsChanged(scan: SourceScan, fresh: Array<{ outcome: FileOutcome }>): boolean {
  const had = (f: StoredFile | undefined): boolean => (f?.artifacts.length ?? 0) > 0;
  if (scan.removed.some(had)) return true;
  if (fresh.some((o) => o.outcome.artifacts.length > 0)) return true;
  const stored = new Map(scan.unchanged.map((f) => [f.path, f]));
  return scan.changed.some((c) => had(stored.get(c.entry.path)));
}

function rereadRuleFiles(root: string, unchanged: StoredFile[]): ChangedFile[] {
  return unchanged
    .filter((f) => f.rules > 0)
    .map((f) => {
      const absPath = resolve(root, f.path);
      const read = readSourceText(absPath, f.bytes);
      return {
        entry: { path: f.path, absPath, bytes: f.bytes, mtimeMs: f.mtime },
        hash: f.hash,
        text: read.kind === 'text' ? read.text : undefined,
      };
    });
}

/** A file not read: binary or too large (with a warning), or text no reader takes (skipped). */
function unreadOutcome(file: ChangedFile): FileOutcome {
  if (file.text !== undefined) return skippedOutcome(file.entry.path);
  const why =
    file.problem === 'too-large'
      ? `File is larger than ${MAX_FILE_BYTES} bytes; not read`
      : 'Binary file; not read';
  const d = diagnostic('warning', why, { line: 1, column: 1, offset: 0 }, 'catalog');
  return skippedOutcome(file.entry.path, [d]);
}
