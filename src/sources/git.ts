/** What a git checkout says of itself, read from its `.git` files (running nothing): its origin and head commit. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Checkout {
  /** The working tree's top folder. */
  top: string;
  /** This working tree's git folder (HEAD); for a linked worktree, not the one holding config and refs. */
  gitDir: string;
  /** The git folder holding config and refs. */
  commonDir: string;
}

/** The checkout holding `dir`, or undefined. A `.git` file (a linked worktree, a submodule) points to its folder. */
export function checkoutOf(dir: string): Checkout | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const dotGit = join(d, '.git');
    if (existsSync(dotGit)) return checkoutAt(d, dotGit);
    if (dirname(d) === d) return undefined;
  }
}

function checkoutAt(top: string, dotGit: string): Checkout | undefined {
  if (statSync(dotGit).isDirectory()) return { top, gitDir: dotGit, commonDir: dotGit };
  const pointer = /^gitdir:\s*(.+)$/m.exec(readText(dotGit) ?? '')?.[1].trim();
  if (!pointer) return undefined;
  const gitDir = resolve(top, pointer);
  const common = readText(join(gitDir, 'commondir'))?.trim();
  return { top, gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
}

/** The `origin` remote as an https address (an ssh `git@host:path` address is rewritten), or undefined. */
export function originUrl(checkout: Checkout): string | undefined {
  const config = readText(join(checkout.commonDir, 'config')) ?? '';
  const section = config.split(/^\[/m).find((s) => s.startsWith('remote "origin"]'));
  const url = section?.match(/^\s*url\s*=\s*(.+)$/m)?.[1].trim();
  if (!url) return undefined;
  const ssh = url.match(/^git@([^:]+):(.+?)(\.git)?$/);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  return /^https?:\/\//.test(url) ? url.replace(/\.git$/, '') : undefined;
}

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The commit checked out: HEAD itself when detached, else its branch's, loose or packed; undefined if unborn. */
export function headCommit(checkout: Checkout): string | undefined {
  const head = readText(join(checkout.gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  if (COMMIT.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const loose = readText(join(checkout.commonDir, ref))?.trim();
  if (loose && COMMIT.test(loose)) return loose;
  const packed = readText(join(checkout.commonDir, 'packed-refs')) ?? '';
  for (const line of packed.split('\n')) {
    const [commit, name] = line.trim().split(/\s+/);
    if (name === ref && COMMIT.test(commit)) return commit;
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
