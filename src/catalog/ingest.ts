/** Ingests source folders into the catalog: incremental by content hash, one transaction per source. */
import { basename, resolve } from 'node:path';
import type { Db } from './schema.js';
import type { SourceFile } from '../formats/format.js';
import { readerOf, recognize, refusal } from '../formats/registry.js';
import { contextFrom } from '../analysis/source-context.js';
import { processFile, skippedOutcome, type FileOutcome, type RecognizedFile } from './process-file.js';
import {
  readChanged,
  scanSource,
  type ChangedFile,
  type SourceScan,
  type StoredFile,
} from '../sources/scan.js';
import { sourceFacts } from '../sources/facts.js';
import { storedFiles } from './stored-files.js';
import { invalidUtf8Diagnostic, refusalDiagnostic, unreadDiagnostic } from './unread.js';
import { CatalogWriter } from './write.js';
import { markCountsStale, refreshCorpusCounts } from './counts.js';
import { refreshRelations } from './relations.js';
import { defaultJobs, parseFiles } from './parse-pool.js';
import { IngestClock } from './ingest-clock.js';
import { recordSourceIngest } from './tallies.js';

export interface IngestOptions {
  name?: string;
  /** Parse threads; defaults to the number of cores. */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Leave corpus counts and rule relations for the caller to refresh once after several sources (see counts.ts). */
  deferCounts?: boolean;
  /**
   * The source's repository on the web, for a copy without `.git` (`ingest --remote URL`): it wins over the
   * checkout's origin, and a later ingest without it keeps the stored one when the folder has no origin.
   */
  remote?: string;
  /** Accumulates the time of each step (see ingest-clock.ts). */
  clock?: IngestClock;
}

export interface SourceIngest {
  name: string;
  root: string;
  files: number;
  /** Files read and parsed this time (new or changed, or re-parsed because the source's macros changed). */
  parsedFiles: number;
  removedFiles: number;
  /** Symbolic links followed to files or folders inside the source (the others are skipped files). */
  followedLinks: number;
}

/** A new or changed file, recognised once here on the main thread; parse workers read it with that recognition. */
interface PendingFile {
  changed: ChangedFile;
  /** Undefined when no reader takes the file, or it is not text. */
  recognized?: RecognizedFile;
  /** Why a file with a reader's own extension was not taken. */
  refusal?: string;
}

export async function ingestSource(
  db: Db,
  rootArg: string,
  options: IngestOptions = {},
): Promise<SourceIngest> {
  const root = resolve(rootArg);
  const name = options.name ?? basename(root);
  const clock = options.clock ?? new IngestClock();
  // The source row is written inside the transaction below, so no empty source is ever seen or left by a kill.
  const { scan, artifactOutcomes, artifacts, pending } = clock.time('walk', () =>
    walkSource(db, sourceIdOf(db, name), root, name),
  );
  const byPath = new Map(pending.map((f) => [f.changed.entry.path, f.changed]));
  const writer = new CatalogWriter(db, clock);
  const total = pending.length + artifactOutcomes.length;
  let done = 0;
  let sourceId = 0;
  const write = (file: ChangedFile, outcome: FileOutcome): void => {
    if (file.invalidUtf8At !== undefined && file.text !== undefined)
      outcome.diagnostics.push(invalidUtf8Diagnostic(file.text, file.invalidUtf8At));
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
    sourceId = upsertSource(db, name, root);
    removeAndTouch(db, scan);
    for (const { file, outcome } of artifactOutcomes) write(file.changed, outcome);
    for (const file of pending.filter((f) => !f.recognized)) write(file.changed, unreadOutcome(file));
    const toParse = pending.flatMap((f) => (f.recognized ? [f.recognized] : []));
    // The main thread writes while workers parse: waiting on them is the parse step's time.
    const writing = (): number => clock.elapsed('rows', 'indicators');
    const [started, wroteBefore] = [performance.now(), writing()];
    await parseFiles(toParse, artifacts, options.jobs ?? defaultJobs(), (outcomes) => {
      for (const o of outcomes) write(byPath.get(o.path)!, o);
    });
    clock.add('parse', performance.now() - started - (writing() - wroteBefore));
    finishSource(db, sourceId, root, scan.files, options.remote);
    if (total > 0 || scan.removed.length > 0) recordSourceIngest(db, sourceId);
    if (total > 0 || scan.removed.length > 0) markCountsStale(db);
    clock.time('commit', () => db.exec('COMMIT'));
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  if (!options.deferCounts) {
    clock.time('counts', () => refreshCorpusCounts(db));
    clock.time('relations', () => refreshRelations(db));
  }
  return {
    name,
    root,
    files: scan.files,
    parsedFiles: total,
    removedFiles: scan.removed.length,
    followedLinks: scan.followedLinks,
  };
}

function sourceIdOf(db: Db, name: string): number {
  const row = db.prepare('SELECT id FROM sources WHERE name = ?').get(name) as { id: number } | undefined;
  return row?.id ?? -1;
}

/** The source's files against what was stored, recognised, with its macro and data-source files read. */
function walkSource(db: Db, sourceId: number, root: string, name: string) {
  const scan = scanSource(root, storedFiles(db, sourceId));
  const changed = scan.changed.map((f) => recognized(f, name));
  const artifactOutcomes = readArtifactFiles(changed);
  const artifacts = [
    ...scan.unchanged.flatMap((f) => f.artifacts),
    ...artifactOutcomes.flatMap((o) => o.outcome.artifacts),
  ];
  // When macros or data sources change, every rule of the source may read differently: parse them all again.
  const reread = artifactsChanged(scan, artifactOutcomes)
    ? rereadRuleFiles(scan).map((f) => recognized(f, name))
    : [];
  const pending = [...changed, ...reread].filter((f) => !artifactOutcomes.some((a) => a.file === f));
  return { scan, artifactOutcomes, artifacts, pending };
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
function finishSource(db: Db, sourceId: number, root: string, files: number, remote?: string): void {
  const skipped = db
    .prepare('SELECT COUNT(*) AS n FROM files WHERE source_id = ? AND format IS NULL')
    .get(sourceId) as { n: number };
  const facts = sourceFacts(root);
  db.prepare(
    `UPDATE sources SET files = ?, skipped = ?, ingested_at = datetime('now'), remote = COALESCE(?, remote),
     prefix = ?, head = ? WHERE id = ?`,
  ).run(files, skipped.n, remote ?? facts.remote, facts.prefix, facts.head, sourceId);
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
  if (!recognition) return { changed, refusal: refusal(file) };
  return { changed, recognized: { file, recognition } };
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

/** Unchanged rule files, read again; those of a folder that cannot be read now are left as they are. */
function rereadRuleFiles(scan: SourceScan): ChangedFile[] {
  return scan.unchanged.flatMap((f) => {
    const entry = scan.listed.get(f.path);
    return f.rules > 0 && entry ? [readChanged(entry)] : [];
  });
}

/** A file not read: not text or not readable (with a warning), or text no reader takes (skipped). */
function unreadOutcome({ changed, refusal }: PendingFile): FileOutcome {
  const path = changed.entry.path;
  if (refusal !== undefined) return skippedOutcome(path, [refusalDiagnostic(refusal)]);
  if (changed.text !== undefined || changed.problem === undefined) return skippedOutcome(path);
  return skippedOutcome(path, [unreadDiagnostic({ ...changed, problem: changed.problem })]);
}
