/** Rendered answers kept per catalog state: each with its ETag and its compressed forms, bounded by bytes (LRU). */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Encodings the server offers, best first. */
export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are: compressing them saves less than the headers cost. */
const MIN_COMPRESS_BYTES = 1024;

/** Brotli at quality 5 compresses a 100 KB page in a few ms, close to quality 11's size at a tenth of its time. */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

export interface CachedAnswer {
  status: number;
  headers: Record<string, string>;
  etag: string;
  body: Buffer;
  /** Compressed once, on the first request that accepts the encoding. */
  encoded: Partial<Record<Encoding, Buffer>>;
}

/** The entry's size as the cache counts it: bodies in every form, plus a fixed overhead for the rest. */
function sizeOf(answer: CachedAnswer): number {
  const encoded = Object.values(answer.encoded).reduce((n, b) => n + (b?.length ?? 0), 0);
  return answer.body.length + encoded + 512;
}

/** A strong validator: the catalog generation it was rendered from and a digest of the body. */
export function entityTag(generation: number, body: Buffer): string {
  return `"${generation}-${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** The encoding to answer with for an `Accept-Encoding` header: brotli, else gzip, else none. */
export function negotiate(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number.parseFloat(q.slice(2)) || 0 : 1);
  }
  const weight = (e: string): number => accepted.get(e) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  return weight('gzip') > 0 ? 'gzip' : undefined;
}

/** The body in an encoding, compressing it the first time it is asked for; undefined when not worth it. */
export function encodedBody(answer: CachedAnswer, encoding: Encoding | undefined): Buffer | undefined {
  if (!encoding || answer.body.length < MIN_COMPRESS_BYTES) return undefined;
  answer.encoded[encoding] ??=
    encoding === 'br' ? brotliCompressSync(answer.body, BROTLI_OPTIONS) : gzipSync(answer.body);
  return answer.encoded[encoding];
}

/** Least recently used answers go first once the bytes held pass the budget. */
export class ResponseCache {
  // A Map iterates in insertion order: re-inserting on a hit keeps the most recent at the end.
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly budgetBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  get(key: string): CachedAnswer | undefined {
    const found = this.entries.get(key);
    if (!found) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  set(key: string, answer: CachedAnswer): void {
    this.remove(key);
    if (sizeOf(answer) > this.budgetBytes) return;
    this.entries.set(key, answer);
    this.bytes += sizeOf(answer);
    this.evict();
  }

  /** Called after an entry gained a compressed form, so the budget counts it. */
  grew(key: string, before: number): void {
    const answer = this.entries.get(key);
    if (!answer) return;
    this.bytes += sizeOf(answer) - before;
    this.evict();
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.bytes -= sizeOf(old);
    this.entries.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.budgetBytes) break;
      this.remove(key);
    }
  }
}

export { sizeOf as cachedSize };
