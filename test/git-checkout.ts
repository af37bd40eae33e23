/** Temporary git checkouts for tests of source facts: made with the git binary, removed by the caller. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' },
  }).trim();
}

/** A checkout with an `origin` remote and one commit holding `files`; returns its top folder. */
export function gitCheckout(files: Record<string, string>, origin = 'git@github.com:acme/rules.git'): string {
  const top = mkdtempSync(join(tmpdir(), 'ruleatlas-git-'));
  git(top, 'init', '-q', '-b', 'main');
  git(top, 'remote', 'add', 'origin', origin);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  git(top, 'add', '-A');
  git(top, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'rules');
  return top;
}
