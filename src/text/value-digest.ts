/** A short digest of a value too long to carry in a link: the link names the digest, the catalog finds the value. */
import { createHash } from 'node:crypto';

/** Values longer than this (UTF-16 units) travel in links as their digest. */
export const MAX_LINKED_VALUE = 256;

export function valueDigest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32);
}
