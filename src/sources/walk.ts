/**
 * Lists a source folder's files for reading, skipping VCS and dependency folders; what it cannot or will not
 * read (unreadable folders, FIFOs, links leaving the source) it lists as skipped with the reason.
 */
import { readdirSync, realpathSync, readlinkSync, statSync, type Dirent, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { join, sep } from 'node:path';
import { displayName } from './file-name.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface WalkEntry {
  /** Path relative to the source root, `/`-separated; bytes of a name that are not UTF-8 show as `\xHH`. */
  path: string;
  /** What opens the file: a string, or the raw bytes when a name on the way is not UTF-8. */
  absPath: string | Buffer;
  bytes: number;
  mtimeMs: number;
}

/** Why a listed file was not read. The walk finds the first group; reading finds the last three. */
export type SkipReason =
  | 'unreadable-directory'
  | 'fifo'
  | 'socket'
  | 'device'
  | 'link-broken'
  | 'link-outside'
  | 'link-loop'
  | 'link-duplicate'
  | 'unreadable'
  | 'vanished'
  | 'not-regular';

export interface WalkSkip {
  path: string;
  reason: SkipReason;
  /** The system's error code, or a link's target as written. */
  detail: string;
}

export interface SourceWalk {
  entries: WalkEntry[];
  skipped: WalkSkip[];
  /** Symbolic links followed: to a file or folder inside the source that nothing else reaches. */
  followedLinks: number;
}

/** Every regular file below `root`, in a stable order. */
export function walkSource(root: string): WalkEntry[] {
  return walkSourceTree(root).entries;
}

/**
 * Every file below `root`: regular files to read, and what is skipped with its reason. Symbolic links are
 * followed after the folders, and only to what is inside the source and not read already (so no loop and
 * no file twice); any other link is skipped. FIFOs, sockets and devices are never opened.
 */
export function walkSourceTree(root: string): SourceWalk {
  const st = statSync(root);
  if (st.isDirectory()) return new TreeWalk(root).run();
  const name = root.slice(root.lastIndexOf(sep) + 1);
  if (st.isFile())
    return {
      entries: [{ path: name, absPath: root, bytes: st.size, mtimeMs: st.mtimeMs }],
      skipped: [],
      followedLinks: 0,
    };
  return { entries: [], skipped: [{ path: name, reason: special(st), detail: '' }], followedLinks: 0 };
}

function special(st: Stats | Dirent): SkipReason {
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'device';
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'EIO';
}

function childPath(dir: string | Buffer, name: Buffer): string | Buffer {
  if (typeof dir === 'string' && isUtf8(name)) return join(dir, name.toString('utf8'));
  return Buffer.concat([Buffer.from(dir), Buffer.from(sep), name]);
}

interface PendingLink {
  path: string;
  absPath: string | Buffer;
  dirAbs: string | Buffer;
}

class TreeWalk {
  private readonly out: SourceWalk = { entries: [], skipped: [], followedLinks: 0 };
  /** Files and folders read so far, by device and inode, with the path each is read at. */
  private readonly seen = new Map<string, string>();
  private readonly links: PendingLink[] = [];
  private readonly rootReal: Buffer;

  constructor(private readonly root: string) {
    this.rootReal = realpathSync(root, { encoding: 'buffer' });
  }

  run(): SourceWalk {
    this.seen.set(identity(statSync(this.root)), '');
    this.visit(this.root, '');
    // Links last, so a file or folder reached both ways is read at its own path.
    for (let link = this.links.shift(); link; link = this.links.shift()) this.follow(link);
    return this.out;
  }

  private visit(dirAbs: string | Buffer, dirPath: string): void {
    let dirents: Dirent[];
    try {
      dirents = readdirSync(dirAbs, { withFileTypes: true, encoding: 'buffer' }) as unknown as Dirent[];
    } catch (err) {
      this.skip(
        dirPath || '.',
        errorCode(err) === 'ENOENT' ? 'vanished' : 'unreadable-directory',
        errorCode(err),
      );
      return;
    }
    const nameOf = (d: Dirent): Buffer => d.name as unknown as Buffer;
    dirents.sort((a, b) => Buffer.compare(nameOf(a), nameOf(b)));
    for (const d of dirents) {
      const name = displayName(nameOf(d));
      const absPath = childPath(dirAbs, nameOf(d));
      const path = dirPath ? `${dirPath}/${name}` : name;
      if (d.isDirectory()) {
        if (SKIPPED_DIRS.has(name)) continue;
        const st = this.stat(absPath, path);
        if (st) this.enter(st, absPath, path);
      } else if (d.isFile()) {
        const st = this.stat(absPath, path);
        if (st) this.add(st, absPath, path);
      } else if (d.isSymbolicLink()) this.links.push({ path, absPath, dirAbs });
      else this.skip(path, special(d), '');
    }
  }

  private follow(link: PendingLink): void {
    const target = linkText(link.absPath);
    let st: Stats;
    let real: Buffer;
    try {
      st = statSync(link.absPath);
      real = realpathSync(link.absPath, { encoding: 'buffer' });
    } catch (err) {
      const code = errorCode(err);
      const reason =
        code === 'ELOOP'
          ? 'link-loop'
          : code === 'ENOENT' || code === 'ENOTDIR'
            ? 'link-broken'
            : 'unreadable';
      this.skip(link.path, reason, target);
      return;
    }
    if (!inside(real, this.rootReal)) return this.skip(link.path, 'link-outside', target);
    const readAt = this.seen.get(identity(st));
    if (readAt !== undefined) {
      const loop = st.isDirectory() && inside(realPathOr(link.dirAbs), real);
      this.skip(link.path, loop ? 'link-loop' : 'link-duplicate', loop ? target : readAt || '.');
      return;
    }
    if (st.isDirectory()) this.enter(st, link.absPath, link.path);
    else if (st.isFile()) this.add(st, link.absPath, link.path);
    else return this.skip(link.path, special(st), target);
    this.out.followedLinks++;
  }

  private enter(st: Stats, absPath: string | Buffer, path: string): void {
    this.seen.set(identity(st), path);
    this.visit(absPath, path);
  }

  private add(st: Stats, absPath: string | Buffer, path: string): void {
    this.seen.set(identity(st), path);
    this.out.entries.push({ path, absPath, bytes: st.size, mtimeMs: st.mtimeMs });
  }

  /** The entry's own stat; one removed since its folder was listed is skipped as gone. */
  private stat(absPath: string | Buffer, path: string): Stats | undefined {
    try {
      return statSync(absPath);
    } catch (err) {
      const code = errorCode(err);
      this.skip(path, code === 'ENOENT' ? 'vanished' : 'unreadable', code);
      return undefined;
    }
  }

  private skip(path: string, reason: SkipReason, detail: string): void {
    this.out.skipped.push({ path, reason, detail });
  }
}

function identity(st: Stats): string {
  return `${st.dev}:${st.ino}`;
}

/** `path` is `dir` or below it (both real paths). */
function inside(path: Buffer, dir: Buffer): boolean {
  if (path.equals(dir)) return true;
  const prefix = Buffer.concat([dir, Buffer.from(sep)]);
  return path.length > prefix.length && path.subarray(0, prefix.length).equals(prefix);
}

/** The real path of a folder listed a moment ago, or an empty path when it has gone since. */
function realPathOr(path: string | Buffer): Buffer {
  try {
    return realpathSync(path, { encoding: 'buffer' });
  } catch {
    return Buffer.alloc(0);
  }
}

function linkText(absPath: string | Buffer): string {
  try {
    return displayName(readlinkSync(absPath, { encoding: 'buffer' }));
  } catch {
    return '';
  }
}
