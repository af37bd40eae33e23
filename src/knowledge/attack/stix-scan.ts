/**
 * Splits a STIX bundle's `objects` array into byte ranges without parsing it, so that only the few
 * thousand objects ATT&CK needs are decoded and parsed: the 30+ MB of descriptions and relationships
 * in a full bundle are skipped at memchr speed.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export interface ObjectRanges {
  starts: number[];
  ends: number[];
}

/** The [start, end) ranges of the objects of every array directly inside the top-level object. */
export function objectRanges(buf: Buffer): ObjectRanges {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = buf.length;
  let depth = 0;
  let inArray = false;
  let start = -1;
  let p = 0;
  while (p < n) {
    const c = buf[p];
    if (c === QUOTE) {
      p = stringEnd(buf, p);
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth === 2) inArray = c === OPEN_ARRAY;
      else if (depth === 3 && inArray && c === OPEN_OBJECT) start = p;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth === 3 && start >= 0) {
        starts.push(start);
        ends.push(p + 1);
        start = -1;
      }
      depth--;
    }
    p++;
  }
  return { starts, ends };
}

/** Index just after the string that opens at `p`; a quote preceded by an odd run of backslashes is escaped. */
function stringEnd(buf: Buffer, p: number): number {
  let q = p + 1;
  for (;;) {
    q = buf.indexOf(QUOTE, q);
    if (q < 0) return buf.length;
    let escapes = 0;
    for (let b = q - 1; buf[b] === BACKSLASH; b--) escapes++;
    if ((escapes & 1) === 0) return q + 1;
    q++;
  }
}

/**
 * The string value of the first `"key": "..."` in an object's bytes. Nested STIX objects (external
 * references, kill chain phases) carry none of the keys asked for here, so the first is the object's
 * own; an occurrence inside a string value (`\"type\"`) is not followed by a colon and is passed over.
 */
export function stringValue(object: Buffer, key: Buffer): string | undefined {
  for (let at = object.indexOf(key); at >= 0; at = object.indexOf(key, at + 1)) {
    const open = valueStart(object, at + key.length);
    if (open < 0) continue;
    const end = object.indexOf(QUOTE, open + 1);
    return end < 0 ? undefined : object.toString('utf8', open + 1, end);
  }
  return undefined;
}

/** The string values of every `"key": "..."` in an object's bytes, nested objects' included. */
export function stringValues(object: Buffer, key: Buffer): string[] {
  const values: string[] = [];
  for (let at = object.indexOf(key); at >= 0; at = object.indexOf(key, at + 1)) {
    const open = valueStart(object, at + key.length);
    if (open < 0) continue;
    const end = object.indexOf(QUOTE, open + 1);
    if (end >= 0) values.push(object.toString('utf8', open + 1, end));
  }
  return values;
}

/** The index of the value's opening quote after a key, or -1 when no `: "` follows. */
function valueStart(object: Buffer, p: number): number {
  let colon = false;
  for (; p < object.length; p++) {
    const c = object[p];
    if (c === 0x3a && !colon) colon = true;
    else if (c === QUOTE) return colon ? p : -1;
    else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return -1;
  }
  return -1;
}
