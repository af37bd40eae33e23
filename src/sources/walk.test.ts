/** Walking a source folder: what is listed, what is skipped, how text is decoded. */
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkSource, walkSourceTree } from './walk.js';
import { scanSource } from './scan.js';
import { displayName } from './file-name.js';
import { decodeText, MAX_FILE_BYTES, readSourceText } from './decode.js';

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ruleatlas-walk-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('walkSource', () => {
  it('lists files with /-separated relative paths, skipping .git and node_modules', () => {
    const root = tree({
      'rules/a.yml': 'a',
      'rules/sub dir (copy)/b ü.yml': 'b',
      '.git/config': 'x',
      'node_modules/x/index.js': 'x',
    });
    expect(walkSource(root).map((e) => e.path)).toEqual(['rules/a.yml', 'rules/sub dir (copy)/b ü.yml']);
  });

  it('takes a single file as a source of one file', () => {
    const root = tree({ 'one.yml': 'title: x' });
    const entries = walkSource(join(root, 'one.yml'));
    expect(entries).toHaveLength(1);
    expect(entries[0].path).toBe('one.yml');
    expect(entries[0].bytes).toBe(8);
  });
});

describe('walkSourceTree', () => {
  it('opens a file whose name is not UTF-8 and shows the name with \\xHH for those bytes', () => {
    const root = tree({});
    writeFileSync(Buffer.from(`${root}/caf\xe9.yml`, 'latin1'), 'title: x\n');
    const [entry] = walkSource(root);
    expect(entry.path).toBe('caf\\xE9.yml');
    expect(readFileSync(entry.absPath, 'utf8')).toBe('title: x\n');
  });

  it('follows links to what nothing else reaches inside the source, and skips the others with a reason', () => {
    const root = tree({ 'a.yml': 'a', 'node_modules/shared.yml': 's', 'sub/b.yml': 'b' });
    symlinkSync('a.yml', join(root, 'again.yml'));
    symlinkSync('node_modules/shared.yml', join(root, 'shared.yml'));
    symlinkSync('..', join(root, 'sub', 'up'));
    symlinkSync('/etc', join(root, 'etc'));
    symlinkSync('nowhere.yml', join(root, 'broken.yml'));
    symlinkSync('self-b', join(root, 'self-a'));
    symlinkSync('self-a', join(root, 'self-b'));
    const walk = walkSourceTree(root);
    expect(walk.entries.map((e) => e.path)).toEqual(['a.yml', 'sub/b.yml', 'shared.yml']);
    expect(walk.followedLinks).toBe(1);
    expect(walk.skipped).toEqual([
      { path: 'again.yml', reason: 'link-duplicate', detail: 'a.yml' },
      { path: 'broken.yml', reason: 'link-broken', detail: 'nowhere.yml' },
      { path: 'etc', reason: 'link-outside', detail: '/etc' },
      { path: 'self-a', reason: 'link-loop', detail: 'self-b' },
      { path: 'self-b', reason: 'link-loop', detail: 'self-a' },
      { path: 'sub/up', reason: 'link-loop', detail: '..' },
    ]);
  });

  it('lists a FIFO as skipped without opening it', () => {
    const root = tree({ 'a.yml': 'a' });
    execFileSync('mkfifo', [join(root, 'pipe.yml')]);
    const walk = walkSourceTree(root);
    expect(walk.entries.map((e) => e.path)).toEqual(['a.yml']);
    expect(walk.skipped).toEqual([{ path: 'pipe.yml', reason: 'fifo', detail: '' }]);
  });
});

describe('displayName', () => {
  it('keeps valid UTF-8 around the bytes it escapes', () => {
    expect(displayName(Buffer.from([0x6e, 0xc3, 0xa9, 0xff, 0x2e, 0xe2, 0x82]))).toBe('né\\xFF.\\xE2\\x82');
  });
});

describe('scanSource', () => {
  it('skips with a reason a file removed or renamed after the listing, and goes on', () => {
    const root = tree({ 'a.yml': 'a', 'b.yml': 'b', 'c.yml': 'c' });
    const walk = walkSourceTree(root);
    rmSync(join(root, 'a.yml'));
    renameSync(join(root, 'b.yml'), join(root, 'b2.yml'));
    const scan = scanSource(root, new Map(), walk);
    expect(scan.changed.map((c) => [c.entry.path, c.problem ?? c.text])).toEqual([
      ['a.yml', 'vanished'],
      ['b.yml', 'vanished'],
      ['c.yml', 'c'],
    ]);
    // Stored with no modification time, so the next ingest looks at the path again.
    expect(scan.changed[0].entry.mtimeMs).toBe(-1);
  });
});

describe('decoding', () => {
  it('removes a UTF-8 BOM and keeps CRLF line ends', () => {
    const decoded = decodeText(Buffer.from('\uFEFFtitle: x\r\nlevel: high\r\n', 'utf8'));
    expect(decoded.kind).toBe('text');
    expect(decoded.kind === 'text' && decoded.text).toBe('title: x\r\nlevel: high\r\n');
  });

  it('treats a file with a NUL byte as binary', () => {
    expect(decodeText(Buffer.from([0x74, 0x69, 0x00, 0x01])).kind).toBe('binary');
  });

  it('does not read files over the size limit', () => {
    const root = tree({ 'big.yml': Buffer.alloc(MAX_FILE_BYTES + 1, 0x61) });
    expect(readSourceText(join(root, 'big.yml'), MAX_FILE_BYTES + 1).kind).toBe('too-large');
  });
});
