/** Walking a source folder: what is listed, what is skipped, how text is decoded. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkSource } from './walk.js';
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
