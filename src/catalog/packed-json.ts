/**
 * The catalog's large JSON columns (a rule's document and parse) stored deflated: repeated field names and the
 * rule's text compress about fourfold. Catalogs written before hold plain JSON text, which reads as well.
 */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import type { Db } from './schema.js';

/** Stored form of a JSON value. The fastest level: deflate's gain over it is small here, its cost is not. */
export function packJson(value: unknown): Buffer {
  return packText(JSON.stringify(value));
}

/** Stored form of JSON text already written. */
export function packText(json: string): Buffer {
  return deflateRawSync(json, { level: constants.Z_BEST_SPEED });
}

/** The JSON text of a stored value, packed or (from an older catalog) plain. */
export function unpackedText(stored: string | Uint8Array): string {
  return typeof stored === 'string' ? stored : inflateRawSync(stored).toString('utf8');
}

export function unpackJson<T>(stored: string | Uint8Array): T {
  return JSON.parse(unpackedText(stored)) as T;
}

/** Lets SQL read a packed column as JSON text: `json_extract(json_text(document), '$.attack')`. */
export function registerJsonText(db: Db): void {
  db.function('json_text', { deterministic: true }, (stored: unknown) =>
    stored === null || typeof stored === 'string' ? stored : unpackedText(stored as Uint8Array),
  );
}
