/** Compares a source folder with what was stored of it before: which files are new, changed, unchanged or gone. */
import { createHash } from 'node:crypto';
import { walkSourceTree, type SkipReason, type SourceWalk, type WalkEntry } from './walk.js';
import { readSourceText } from './decode.js';
import type { SourceArtifact } from '../model/artifact.js';

/** What the catalog keeps of a file from the last ingest. */
export interface StoredFile {
  id: number;
  path: string;
  hash: string;
  bytes: number;
  mtime: number;
  format: string | null;
  rules: number;
  artifacts: SourceArtifact[];
}

/** Why a file's text is not there: not text, or the walk or the read skipped it. */
export type UnreadProblem = 'binary' | 'too-large' | SkipReason;

export interface ChangedFile {
  entry: WalkEntry;
  hash: string;
  /** Undefined for files not read as text (see `problem`). */
  text: string | undefined;
  problem?: UnreadProblem;
  /** The system's error code or a link's target, for the diagnostic. */
  detail?: string;
  /** An unreadable folder: how many files stored from it are kept. */
  kept?: number;
  /** Offset in `text` of the first bytes that were not UTF-8. */
  invalidUtf8At?: number;
}

export interface SourceScan {
  changed: ChangedFile[];
  unchanged: StoredFile[];
  /** Unchanged files whose modification time moved: only the stored time needs updating. */
  touched: { id: number; mtime: number }[];
  removed: StoredFile[];
  /** Files and skipped entries of the source after this ingest, kept files of unreadable folders included. */
  files: number;
  /** The files listed, by path, for reading them again. */
  listed: Map<string, WalkEntry>;
  followedLinks: number;
}

/** `walk` is the source's listing, taken now unless given (a test gives a stale one). */
export function scanSource(
  root: string,
  stored: Map<string, StoredFile>,
  walk: SourceWalk = walkSourceTree(root),
): SourceScan {
  const scan: SourceScan = {
    changed: [],
    unchanged: [],
    touched: [],
    removed: [],
    files: 0,
    listed: new Map(walk.entries.map((e) => [e.path, e])),
    followedLinks: walk.followedLinks,
  };
  const seen = new Set<string>();
  for (const entry of walk.entries) {
    scan.files++;
    seen.add(entry.path);
    const old = stored.get(entry.path);
    // Size and modification time unchanged: trust the file is too, as git's index does.
    if (old && old.bytes === entry.bytes && old.mtime === entry.mtimeMs) {
      scan.unchanged.push(old);
      continue;
    }
    const changed = readChanged(entry);
    if (old && old.hash === changed.hash) {
      scan.unchanged.push(old);
      scan.touched.push({ id: old.id, mtime: entry.mtimeMs });
      continue;
    }
    scan.changed.push(changed);
  }
  const kept = keepUnreadableFolders(walk, stored, seen, scan);
  for (const skip of walk.skipped) {
    scan.files++;
    seen.add(skip.path);
    const hash = `skip:${skip.reason}:${skip.detail}:${kept.get(skip.path) ?? ''}`;
    const old = stored.get(skip.path);
    if (old && old.hash === hash) scan.unchanged.push(old);
    else
      scan.changed.push({
        entry: { path: skip.path, absPath: '', bytes: 0, mtimeMs: -1 },
        hash,
        text: undefined,
        problem: skip.reason,
        detail: skip.detail,
        kept: kept.get(skip.path),
      });
  }
  for (const old of stored.values()) if (!seen.has(old.path)) scan.removed.push(old);
  return scan;
}

/** Reads a new or changed file; one that cannot be read is stored with no modification time, to be tried again. */
export function readChanged(entry: WalkEntry): ChangedFile {
  const read = readSourceText(entry.absPath, entry.bytes);
  if (read.kind === 'text') {
    return { entry, hash: sha1(read.bytes), text: read.text, invalidUtf8At: read.invalidUtf8At };
  }
  if (read.kind === 'binary') return { entry, hash: sha1(read.bytes), text: undefined, problem: read.kind };
  if (read.kind === 'too-large')
    return { entry, hash: `size:${entry.bytes}`, text: undefined, problem: read.kind };
  return {
    entry: { ...entry, mtimeMs: -1 },
    hash: `unread:${read.kind}`,
    text: undefined,
    problem: read.kind,
    detail: read.error,
  };
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Stored files below a folder that cannot be read now stay as they are (not removed): a permission change
 * must not delete rules. Returns how many each such folder keeps.
 */
function keepUnreadableFolders(
  walk: SourceWalk,
  stored: Map<string, StoredFile>,
  seen: Set<string>,
  scan: SourceScan,
): Map<string, number> {
  const kept = new Map<string, number>();
  for (const skip of walk.skipped) {
    if (skip.reason !== 'unreadable-directory') continue;
    const prefix = skip.path === '.' ? '' : `${skip.path}/`;
    let n = 0;
    for (const old of stored.values()) {
      if (seen.has(old.path) || !old.path.startsWith(prefix) || old.path === skip.path) continue;
      seen.add(old.path);
      scan.unchanged.push(old);
      scan.files++;
      n++;
    }
    kept.set(skip.path, n);
  }
  return kept;
}
