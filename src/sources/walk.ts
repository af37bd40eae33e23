/** Lists a source folder's files for reading, skipping VCS and dependency folders; decode.ts reads them. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

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
