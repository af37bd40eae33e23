/** Lists a source folder's files for reading: skips VCS and dependency folders, binary and oversized files. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Files over this size are not read; the ingest reports them. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface WalkEntry {
  /** Path relative to the source root, `/`-separated. */
  path: string;
  absPath: string;
  bytes: number;
  mtimeMs: number;
}

/** Every regular file below `root`, in a stable order. Symbolic links are not followed. */
export function walkSource(root: string): WalkEntry[] {
  const entries: WalkEntry[] = [];
  const visit = (dir: string): void => {
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const abs = join(dir, d.name);
      if (d.isDirectory()) {
        if (!SKIPPED_DIRS.has(d.name)) visit(abs);
      } else if (d.isFile()) {
        const st = statSync(abs);
        entries.push({
          path: relative(root, abs).split(sep).join('/'),
          absPath: abs,
          bytes: st.size,
          mtimeMs: st.mtimeMs,
        });
      }
    }
  };
  const st = statSync(root);
  if (st.isFile()) {
    const abs = root;
    return [{ path: abs.slice(abs.lastIndexOf(sep) + 1), absPath: abs, bytes: st.size, mtimeMs: st.mtimeMs }];
  }
  visit(root);
  return entries;
}

export type FileText =
  { kind: 'text'; text: string; bytes: Buffer } | { kind: 'binary' | 'too-large'; bytes?: Buffer };

/** Reads a file as UTF-8 text without its BOM, or says why it is not text. */
export function readSourceText(absPath: string, size: number): FileText {
  if (size > MAX_FILE_BYTES) return { kind: 'too-large' };
  const bytes = readFileSync(absPath);
  return decodeText(bytes);
}

export function decodeText(bytes: Buffer): FileText {
  if (looksBinary(bytes)) return { kind: 'binary', bytes };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { kind: 'text', text, bytes };
}

/** A NUL byte in the first 8 KiB marks a binary file, as git decides. */
function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
