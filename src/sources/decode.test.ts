/** Decoding a source file: UTF-16 with a BOM, invalid UTF-8, and files that cannot be read at all. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, readSourceText } from './decode.js';

const TEXT = 'title: Ünïcödé 名前\r\nlevel: high\n';

describe('decodeText', () => {
  it('decodes UTF-16 little-endian with its BOM instead of calling it binary', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    expect(decoded).toMatchObject({ kind: 'text', text: TEXT });
  });

  it('decodes UTF-16 big-endian with its BOM', () => {
    const units = Buffer.from(TEXT, 'utf16le').swap16();
    const decoded = decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), units]));
    expect(decoded).toMatchObject({ kind: 'text', text: TEXT });
  });

  it('reads invalid UTF-8 with replacement and says where the first bad byte is', () => {
    const bytes = Buffer.concat([Buffer.from('title: ok\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const decoded = decodeText(bytes);
    expect(decoded).toMatchObject({ kind: 'text', text: 'title: ok\ncaf\ufffd\n', invalidUtf8At: 13 });
  });

  it('marks valid UTF-8 with no offset', () => {
    const decoded = decodeText(Buffer.from(TEXT));
    expect(decoded.kind === 'text' && decoded.invalidUtf8At).toBeUndefined();
  });
});

describe('readSourceText', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ruleatlas-decode-'));

  it('says a file removed since it was listed vanished, without throwing', () => {
    expect(readSourceText(join(dir, 'gone.yml'), 10)).toMatchObject({ kind: 'vanished', error: 'ENOENT' });
  });

  it('says a folder where a file was listed is not a regular file', () => {
    expect(readSourceText(dir, 10).kind).toBe('not-regular');
  });

  it('does not block on a FIFO put where a file was listed', () => {
    const fifo = join(dir, 'pipe.yml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system: nothing to check
    }
    expect(readSourceText(fifo, 0).kind).toBe('not-regular');
  });

  it('reads a file given as a path of bytes', () => {
    writeFileSync(join(dir, 'a.yml'), 'title: a\n');
    expect(readSourceText(Buffer.from(join(dir, 'a.yml')), 9)).toMatchObject({
      kind: 'text',
      text: 'title: a\n',
    });
  });
});
