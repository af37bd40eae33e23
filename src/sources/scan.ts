/** Compares a source folder with what was stored of it before: which files are new, changed, unchanged or gone. */
import { createHash } from 'node:crypto';
import { walkSource, type WalkEntry } from './walk.js';
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

export interface ChangedFile {
  entry: WalkEntry;
  hash: string;
  /** Undefined for binary or oversized files. */
  text: string | undefined;
  problem?: 'binary' | 'too-large';
}

export interface SourceScan {
  changed: ChangedFile[];
  unchanged: StoredFile[];
  /** Unchanged files whose modification time moved: only the stored time needs updating. */
  touched: { id: number; mtime: number }[];
  removed: StoredFile[];
  files: number;
}

export function scanSource(root: string, stored: Map<string, StoredFile>): SourceScan {
  const scan: SourceScan = { changed: [], unchanged: [], touched: [], removed: [], files: 0 };
  const seen = new Set<string>();
  for (const entry of walkSource(root)) {
    scan.files++;
    seen.add(entry.path);
    const old = stored.get(entry.path);
    // Size and modification time unchanged: trust the file is too, as git's index does.
    if (old && old.bytes === entry.bytes && old.mtime === entry.mtimeMs) {
      scan.unchanged.push(old);
      continue;
    }
    const read = readSourceText(entry.absPath, entry.bytes);
    const hash = read.bytes ? createHash('sha1').update(read.bytes).digest('hex') : `size:${entry.bytes}`;
    if (old && old.hash === hash) {
      scan.unchanged.push(old);
      scan.touched.push({ id: old.id, mtime: entry.mtimeMs });
      continue;
    }
    scan.changed.push({
      entry,
      hash,
      text: read.kind === 'text' ? read.text : undefined,
      problem: read.kind === 'text' ? undefined : read.kind,
    });
  }
  for (const old of stored.values()) if (!seen.has(old.path)) scan.removed.push(old);
  return scan;
}
