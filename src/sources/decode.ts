/**
 * Decodes a source's files: UTF-8 (or UTF-16 with its BOM) text without the BOM, or why a file is not read
 * (binary, too large, unreadable, gone, not a regular file).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** Files over this size are not read; the ingest reports them. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Why a file that was listed could not be read at all. */
export type ReadFailure = 'unreadable' | 'vanished' | 'not-regular';

export type FileText =
  | {
      kind: 'text';
      text: string;
      bytes: Buffer;
      /** Offset in `text` of the first byte sequence that was not UTF-8 (read as U+FFFD). */
      invalidUtf8At?: number;
    }
  | { kind: 'binary'; bytes: Buffer }
  | { kind: 'too-large'; bytes?: undefined }
  | { kind: ReadFailure; bytes?: undefined; error: string };

/**
 * Reads a file as text, or says why it is not text. Never throws: a file that cannot be opened (permission,
 * removed or renamed since it was listed, replaced by a FIFO) is a failure with the system's error code.
 */
export function readSourceText(absPath: string | Buffer, size: number): FileText {
  if (size > MAX_FILE_BYTES) return { kind: 'too-large' };
  let fd: number;
  try {
    // Non-blocking, so a FIFO put where a file was listed opens at once instead of waiting for a writer.
    fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return failure(err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'not-regular', error: 'not a regular file' };
    if (st.size > MAX_FILE_BYTES) return { kind: 'too-large' };
    return decodeText(readFileSync(fd));
  } catch (err) {
    return failure(err);
  } finally {
    closeSync(fd);
  }
}

function failure(err: unknown): FileText {
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'vanished', error: code };
  return { kind: 'unreadable', error: code };
}

export function decodeText(bytes: Buffer): FileText {
  const utf16 = utf16Text(bytes);
  if (utf16 !== undefined) return { kind: 'text', text: utf16, bytes };
  if (looksBinary(bytes)) return { kind: 'binary', bytes };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (isUtf8(bytes)) return { kind: 'text', text, bytes };
  // Replacement characters the file held itself come before the first invalid sequence only in odd files.
  return { kind: 'text', text, bytes, invalidUtf8At: Math.max(0, text.indexOf('\ufffd')) };
}

/** The text of a file that starts with a UTF-16 byte order mark (FF FE little-endian, FE FF big-endian). */
function utf16Text(bytes: Buffer): string | undefined {
  if (bytes.length < 2) return undefined;
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!littleEndian && !bigEndian) return undefined;
  // An odd last byte is half a code unit: dropped.
  const units = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  if (bigEndian) units.swap16();
  return units.toString('utf16le');
}

/** A NUL byte in the first 8 KiB marks a binary file, as git decides. */
function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
