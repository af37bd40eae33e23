/** Shows a file name read as bytes: valid UTF-8 as it is, each byte that is not part of UTF-8 as `\xHH`. */
import { isUtf8 } from 'node:buffer';

/** Bytes of a UTF-8 sequence, from its first byte; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A name as valid text. A Latin-1 `café` (63 61 66 E9) shows as `caf\xE9`: unlike U+FFFD, two names that
 * differ only in such bytes stay apart, and the bytes can be told from the shown name.
 */
export function displayName(name: Buffer): string {
  if (isUtf8(name)) return name.toString('utf8');
  let out = '';
  for (let i = 0; i < name.length;) {
    const n = sequenceLength(name[i]);
    const sequence = name.subarray(i, i + n);
    if (n > 0 && sequence.length === n && isUtf8(sequence)) {
      out += sequence.toString('utf8');
      i += n;
    } else {
      out += `\\x${name[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}
