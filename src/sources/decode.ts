/** Decodes a source's files: UTF-8 text without its BOM, or why a file is not read (binary, too large). */
import { readFileSync } from 'node:fs';

/** Files over this size are not read; the ingest reports them. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

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
