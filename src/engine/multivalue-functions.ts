/**
 * Expression functions over multivalue fields and encoded text that SPL detections use and the model's core
 * set lacks: `mvindex`, `mvfind`, `mvzip`, `urldecode`, `pow`, with SPL's meaning (indexes from 0, negative
 * from the end), and `extract(value, pattern, group, all?)`, a named group of a regular expression (SPL `rex`).
 */
import type { Value, ValueFunction } from './expression-functions.js';

function list(v: Value | undefined): Value[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function index(v: Value | undefined, length: number): number | undefined {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) return undefined;
  return n < 0 ? length + n : n;
}

function one(values: Value[]): Value {
  if (values.length === 0) return null;
  return values.length === 1 ? values[0] : values;
}

const extractCache = new Map<string, RegExp | null>();

/** A pattern with named groups as JavaScript reads it: a leading `(?i)` becomes the flag. */
function extractRegex(pattern: string, all: boolean): RegExp | null {
  const key = `${all ? 'g' : ''}/${pattern}`;
  let re = extractCache.get(key);
  if (re === undefined) {
    const caseless = pattern.startsWith('(?i)');
    try {
      re = new RegExp(caseless ? pattern.slice(4) : pattern, `${caseless ? 'i' : ''}${all ? 'g' : ''}`);
    } catch {
      re = null;
    }
    extractCache.set(key, re);
  }
  return re;
}

export const MULTIVALUE_FUNCTIONS: Readonly<Record<string, ValueFunction>> = {
  /** mvindex(mv, start[, end]): the value at start, or the values from start to end inclusive. */
  mvindex: ([mv, start, end]) => {
    const values = list(mv);
    const from = index(start, values.length);
    if (from === undefined || from < 0 || from >= values.length) return null;
    if (end === undefined) return values[from];
    const to = index(end, values.length);
    return to === undefined ? null : one(values.slice(from, Math.min(to, values.length - 1) + 1));
  },
  /** mvfind(mv, regex): the index of the first value the pattern finds, or null. */
  mvfind: ([mv, pattern]) => {
    let re: RegExp;
    try {
      re = new RegExp(String(pattern ?? ''));
    } catch {
      return null;
    }
    const at = list(mv).findIndex((v) => v !== null && re.test(String(v)));
    return at < 0 ? null : at;
  },
  /** mvzip(a, b[, delimiter]): the values of a and b paired in order, joined by the delimiter (a comma). */
  mvzip: ([a, b, delimiter]) => {
    const left = list(a);
    const right = list(b);
    const sep = delimiter === undefined || delimiter === null ? ',' : String(delimiter);
    const n = Math.min(left.length, right.length);
    return one(Array.from({ length: n }, (_, i) => `${String(left[i])}${sep}${String(right[i])}`));
  },
  /** urldecode(s): `%xx` escapes and `+` as a blank decoded; text that is not valid stays as it is. */
  urldecode: ([s]) => {
    if (s === null || s === undefined) return null;
    const text = String(Array.isArray(s) ? s[0] : s).replace(/\+/g, ' ');
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  },
  /**
   * extract(value, pattern, group[, all]): the text of the group (a name, SPL `rex`, or a number, Kusto
   * `extract`) in the first match (every match with `all`), or null.
   */
  extract: ([value, pattern, group, all]) => {
    const re = extractRegex(String(pattern ?? ''), all === true);
    if (!re || value === null || value === undefined) return null;
    const name = String(group ?? '');
    const found: Value[] = [];
    for (const v of list(value)) {
      if (v === null) continue;
      re.lastIndex = 0;
      for (let m = re.exec(String(v)); m; m = all === true ? re.exec(String(v)) : null) {
        const text = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
        if (text !== undefined) found.push(text);
        if (m[0] === '') re.lastIndex++;
      }
    }
    return all === true ? one(found) : (found[0] ?? null);
  },
  pow: ([x, y]) => {
    const result = Number(x) ** Number(y);
    return Number.isNaN(result) ? null : result;
  },
};
