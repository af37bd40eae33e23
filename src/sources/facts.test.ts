/** Source facts from real git checkouts: origin address, place in the checkout, head commit; nothing outside git. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, gitCheckout } from '../../test/git-checkout.js';
import { sourceFacts } from './facts.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(origin?: string): string {
  const top = gitCheckout({ 'rules/windows/a.yml': 'title: a\n', 'README.md': '# x\n' }, origin);
  made.push(top);
  return top;
}

describe('sourceFacts', () => {
  it('gives the https remote, the folder inside the checkout and the head commit', () => {
    const top = checkout();
    expect(sourceFacts(join(top, 'rules', 'windows'))).toEqual({
      remote: 'https://github.com/acme/rules',
      prefix: 'rules/windows',
      head: git(top, 'rev-parse', 'HEAD'),
    });
    expect(sourceFacts(top).prefix).toBe('');
  });

  it('places a source given as one file at its folder', () => {
    const top = checkout('https://git.example.com/acme/rules.git');
    expect(sourceFacts(join(top, 'rules', 'windows', 'a.yml'))).toMatchObject({
      remote: 'https://git.example.com/acme/rules',
      prefix: 'rules/windows',
    });
  });

  it('finds the head commit in packed refs and in a detached HEAD', () => {
    const top = checkout();
    const head = git(top, 'rev-parse', 'HEAD');
    git(top, 'pack-refs', '--all');
    expect(sourceFacts(top).head).toBe(head);
    git(top, 'checkout', '-q', '--detach');
    expect(sourceFacts(top).head).toBe(head);
  });

  it('reads a linked worktree through its .git file: remote from the main checkout, its own head', () => {
    const top = checkout();
    const linked = mkdtempSync(join(tmpdir(), 'ruleatlas-linked-'));
    made.push(linked);
    rmSync(linked, { recursive: true });
    git(top, 'worktree', 'add', '-q', '--detach', linked);
    expect(sourceFacts(join(linked, 'rules'))).toEqual({
      remote: 'https://github.com/acme/rules',
      prefix: 'rules',
      head: git(top, 'rev-parse', 'HEAD'),
    });
  });

  it('has no remote, prefix or head outside git', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ruleatlas-plain-'));
    made.push(dir);
    expect(sourceFacts(dir)).toEqual({ remote: null, prefix: '', head: null });
  });
});
