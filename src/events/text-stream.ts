/** An event file as a stream of text chunks: plain or gzip-compressed (told by its magic bytes), UTF-8 without BOM. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

const CHUNK_BYTES = 1024 * 1024;

/** The first bytes of a file (fewer when it is shorter). */
export async function fileHead(path: string, length = 8): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Text chunks of a file, decompressed when `gzip`; a damaged stream throws its error from the iteration. */
export async function* textChunks(path: string, gzip: boolean): AsyncGenerator<string> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const bytes = gzip ? file.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : file;
  // A gunzip error does not close the file stream it reads from.
  if (gzip) bytes.on('error', () => file.destroy());
  // TextDecoder drops the BOM and decodes several times faster than Buffer's utf8 on non-ASCII text.
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    file.destroy();
  }
}
