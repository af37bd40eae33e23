/**
 * The model's expression functions over evaluated arguments: what `lower`, `==`, `like` … mean for every
 * language. Lazy forms (`and`, `or`, `if`, `case`, `coalesce`) live in the expression compiler.
 */
import { inCidr, ipBytes, parseCidr } from './cidr.js';
import { escapeRegex, globSource } from './glob.js';

/** A value during evaluation: a multivalue field is an array; an absent field is null. */
export type Value = string | number | boolean | null | Value[];

export type ValueFunction = (args: Value[], caseSensitive: boolean) => Value;

function scalar(v: Value): Value {
  return Array.isArray(v) ? (v.length ? scalar(v[0]) : null) : v;
}

export function text(v: Value): string | null {
  const s = scalar(v);
  return s === null ? null : String(s);
}

/** A number when the value is one or reads as one; NaN otherwise. */
export function numeric(v: Value): number {
  const s = scalar(v);
  if (typeof s === 'number') return s;
  if (typeof s !== 'string') return NaN;
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}

export function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.some(truthy);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return typeof v === 'string' && v.toLowerCase() === 'true';
}

function each(v: Value): Value[] {
  return Array.isArray(v) ? v : [v];
}

type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

function compareOne(a: Value, b: Value, op: Comparison, caseSensitive: boolean): boolean {
  if (a === null || b === null) return false;
  const x = numeric(a);
  const y = numeric(b);
  let order: number;
  if (!Number.isNaN(x) && !Number.isNaN(y)) order = x - y;
  else {
    let s = String(a);
    let t = String(b);
    if (!caseSensitive) {
      s = s.toLowerCase();
      t = t.toLowerCase();
    }
    order = s === t ? 0 : s < t ? -1 : 1;
  }
  switch (op) {
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** A comparison of two values; a multivalue side matches when any of its values does. */
export function compare(a: Value, b: Value, op: Comparison, caseSensitive: boolean): boolean {
  for (const x of each(a)) for (const y of each(b)) if (compareOne(x, y, op, caseSensitive)) return true;
  return false;
}

const regexCache = new Map<string, RegExp | null>();

/** A pattern compiled once; null when it does not compile as a JavaScript regular expression. */
export function cachedRegex(source: string, flags: string): RegExp | null {
  const key = `${flags}/${source}`;
  let found = regexCache.get(key);
  if (found === undefined) {
    try {
      found = new RegExp(source, flags);
    } catch {
      found = null;
    }
    regexCache.set(key, found);
  }
  return found;
}

function likeSource(pattern: string): string {
  let out = '';
  for (const c of pattern) out += c === '%' ? '.*' : c === '_' ? '.' : escapeRegex(c);
  return `^${out}$`;
}

/** A string test of every value of `subject` against one pattern argument; null subjects never match. */
function stringTest(
  build: (pattern: string, caseSensitive: boolean) => (s: string) => boolean,
): ValueFunction {
  return ([subject, pattern], caseSensitive) => {
    const p = text(pattern);
    if (p === null) return false;
    const test = build(p, caseSensitive);
    return each(subject ?? null).some((s) => s !== null && test(String(s)));
  };
}

function folded(caseSensitive: boolean, s: string): string {
  return caseSensitive ? s : s.toLowerCase();
}

const WORD = /[\p{L}\p{N}_]/u;

/** Kusto `has`: the term occurs bounded by non-word characters (or the ends) on both sides. */
function hasTerm(haystack: string, term: string): boolean {
  if (term === '') return true;
  for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
    const before = at === 0 ? '' : haystack[at - 1];
    const after = haystack[at + term.length] ?? '';
    const leftOk = before === '' || !WORD.test(before) || !WORD.test(term[0]);
    const rightOk = after === '' || !WORD.test(after) || !WORD.test(term[term.length - 1]);
    if (leftOk && rightOk) return true;
  }
  return false;
}

function mvcount(v: Value): Value {
  if (v === null) return null;
  return Array.isArray(v) ? v.length : 1;
}

function substr([s, start, length]: Value[]): Value {
  const t = text(s);
  if (t === null) return null;
  const from = Math.max(0, numeric(start) || 0);
  const n = length === undefined ? undefined : numeric(length);
  return n === undefined || Number.isNaN(n) ? t.slice(from) : t.slice(from, from + n);
}

function arithmetic(op: string): ValueFunction {
  return ([a, b]) => {
    const x = numeric(a);
    const y = numeric(b);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (op !== '+' || a === null || b === null) return null;
      return `${text(a)}${text(b)}`;
    }
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return y === 0 ? null : x / y;
      default:
        return y === 0 ? null : x % y;
    }
  };
}

function comparison(op: Comparison): ValueFunction {
  return ([a, b], caseSensitive) => compare(a ?? null, b ?? null, op, caseSensitive);
}

export const VALUE_FUNCTIONS: Readonly<Record<string, ValueFunction>> = {
  '==': comparison('=='),
  '!=': comparison('!='),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
  '+': arithmetic('+'),
  '-': arithmetic('-'),
  '*': arithmetic('*'),
  '/': arithmetic('/'),
  '%': arithmetic('%'),
  not: ([v]) => !truthy(v ?? null),
  in: ([v, list], caseSensitive) => compare(v ?? null, list ?? null, '==', caseSensitive),
  lower: ([v]) => text(v)?.toLowerCase() ?? null,
  upper: ([v]) => text(v)?.toUpperCase() ?? null,
  len: ([v]) => text(v)?.length ?? null,
  concat: (args) => (args.some((a) => a === null) ? null : args.map((a) => text(a) ?? '').join('')),
  substr,
  trim: ([v]) => text(v)?.trim() ?? null,
  split: ([v, sep]) => {
    const t = text(v);
    return t === null ? null : t.split(text(sep) ?? ',');
  },
  replace: ([v, pattern, replacement], caseSensitive) => {
    const t = text(v);
    const re = cachedRegex(text(pattern) ?? '', caseSensitive ? 'g' : 'gi');
    return t === null || !re ? null : t.replace(re, text(replacement) ?? '');
  },
  replace_string: ([v, find, replacement]) => {
    const t = text(v);
    return t === null ? null : t.split(text(find) ?? '').join(text(replacement) ?? '');
  },
  contains: stringTest((p, cs) => (s) => folded(cs, s).includes(folded(cs, p))),
  starts_with: stringTest((p, cs) => (s) => folded(cs, s).startsWith(folded(cs, p))),
  ends_with: stringTest((p, cs) => (s) => folded(cs, s).endsWith(folded(cs, p))),
  has: stringTest((p, cs) => (s) => hasTerm(folded(cs, s), folded(cs, p))),
  like: stringTest((p, cs) => {
    const re = cachedRegex(likeSource(p), cs ? 's' : 'is');
    return (s) => re !== null && re.test(s);
  }),
  wildcard: stringTest((p, cs) => {
    const re = cachedRegex(`^${globSource(p)}$`, cs ? 's' : 'is');
    return (s) => re !== null && re.test(s);
  }),
  regex: stringTest((p, cs) => {
    const re = cachedRegex(p, cs ? '' : 'i');
    return (s) => re !== null && re.test(s);
  }),
  cidr: ([ip, ...ranges]) => {
    const parsed = ranges.flatMap(each).map((r) => (r === null ? undefined : parseCidr(String(r))));
    return each(ip ?? null).some((address) => {
      const bytes = address === null ? undefined : ipBytes(String(address));
      return bytes !== undefined && parsed.some((range) => range !== undefined && inCidr(range, bytes));
    });
  },
  isnull: ([v]) => v === null || v === undefined,
  isnotnull: ([v]) => v !== null && v !== undefined,
  isempty: ([v]) => v === null || v === undefined || text(v) === '',
  isnotempty: ([v]) => v !== null && v !== undefined && text(v) !== '',
  mvcount: ([v]) => mvcount(v ?? null),
  tostring: ([v]) => text(v ?? null),
  tonumber: ([v]) => {
    const n = numeric(v ?? null);
    return Number.isNaN(n) ? null : n;
  },
  now: () => Date.now(),
};
