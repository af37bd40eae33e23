/** One rule value against one event value, by operator: equality, substring, prefix, suffix, glob, keyword. */
import type { Op } from '../model/predicate.js';
import { globLiterals, globSource } from './glob.js';

/** Tests one event value, given as written and lower-cased. */
export type StringTest = (raw: string, lower: string) => boolean;

const UNESCAPED_WILDCARD = /(^|[^\\])(\\\\)*[*?]/;

export function hasWildcard(glob: string): boolean {
  return UNESCAPED_WILDCARD.test(glob);
}

/** `*x*`, `x*`, `*x` and `x` globs as the plain operator they are, so most globs avoid a regex. */
function plainForm(glob: string): { op: Op; text: string } | undefined {
  const lead = glob.startsWith('*');
  const body = glob.slice(lead ? 1 : 0);
  const trail = body.endsWith('*') && !body.endsWith('\\*');
  const inner = trail ? body.slice(0, -1) : body;
  if (hasWildcard(inner) || inner.endsWith('\\')) return undefined;
  const literals = globLiterals(inner);
  const text = literals.length ? literals[0] : '';
  if (literals.length > 1 || (inner.length > 0 && text.length === 0)) return undefined;
  const op: Op = lead && trail ? 'match' : lead ? 'ends_with' : trail ? 'starts_with' : 'eq';
  return { op, text };
}

function plainTest(op: Op, needle: string, caseSensitive: boolean): StringTest {
  // One closure per case rather than a shared value picker: these run for every value of every rule evaluated.
  if (caseSensitive) {
    const n = needle;
    switch (op) {
      case 'eq':
        return (raw) => raw === n;
      case 'starts_with':
        return (raw) => raw.startsWith(n);
      case 'ends_with':
        return (raw) => raw.endsWith(n);
      default:
        return (raw) => raw.includes(n);
    }
  }
  const n = needle.toLowerCase();
  switch (op) {
    case 'eq':
      return (_raw, lower) => lower === n;
    case 'starts_with':
      return (_raw, lower) => lower.startsWith(n);
    case 'ends_with':
      return (_raw, lower) => lower.endsWith(n);
    default:
      return (_raw, lower) => lower.includes(n);
  }
}

/** Texts a regex test remembers; emptied when full. */
const REGEX_MEMO = 512;

/**
 * A regular expression as a test. Event values repeat (the same command lines and paths again and again),
 * and some rules' patterns cost tens of microseconds a value (`.{1000,}` tries every start), so each test
 * remembers its answers for the texts it saw last.
 */
export function regexTest(re: RegExp): StringTest {
  const memo = new Map<string, boolean>();
  return (raw) => {
    let hit = memo.get(raw);
    if (hit === undefined) {
      if (memo.size >= REGEX_MEMO) memo.clear();
      hit = re.test(raw);
      memo.set(raw, hit);
    }
    return hit;
  };
}

function globTest(glob: string, caseSensitive: boolean, anchored: boolean): StringTest {
  const plain = plainForm(anchored ? glob : `*${glob}*`);
  if (plain) return plainTest(plain.op, plain.text, caseSensitive);
  const source = anchored ? `^${globSource(glob)}$` : globSource(glob);
  return regexTest(new RegExp(source, caseSensitive ? 's' : 'is'));
}

/** The test for one rule value under a string operator. */
export function stringTest(op: Op, value: string, caseSensitive: boolean): StringTest {
  switch (op) {
    case 'wildcard':
      return globTest(value, caseSensitive, true);
    case 'keyword':
      // A keyword is found anywhere in a value; one with wildcards is a glob searched the same way.
      return hasWildcard(value)
        ? globTest(value, caseSensitive, false)
        : plainTest('match', value, caseSensitive);
    default:
      return plainTest(op, value, caseSensitive);
  }
}

const TERM_CHAR = /[\p{L}\p{N}_]/u;

/** Is there a term boundary at `at` in `text`: an edge of the text, or a non-alphanumeric character on one side? */
function boundary(text: string, at: number): boolean {
  return at <= 0 || at >= text.length || !TERM_CHAR.test(text[at - 1]) || !TERM_CHAR.test(text[at]);
}

/**
 * Kusto's term matches (`has`, `hasprefix`, `hassuffix`): the needle found where it starts a term (`starts_with`),
 * ends one (`ends_with`) or both (`match`); terms are runs of letters, digits and underscores (as the engine's `has` function reads them).
 */
export function termTest(op: Op, value: string, caseSensitive: boolean): StringTest {
  const needle = caseSensitive ? value : value.toLowerCase();
  const start = op !== 'ends_with';
  const end = op !== 'starts_with';
  return (raw, lower) => {
    const text = caseSensitive ? raw : lower;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if ((!start || boundary(text, at)) && (!end || boundary(text, at + needle.length))) return true;
    }
    return false;
  };
}

/** Literals any value matching `value` under `op` must contain, lower case, for the prefilter; empty when none. */
export function necessaryLiteral(op: Op, value: string): string | undefined {
  if (op === 'wildcard' || op === 'keyword') {
    const longest = globLiterals(value).sort((a, b) => b.length - a.length)[0];
    return longest?.toLowerCase();
  }
  return value.length ? value.toLowerCase() : undefined;
}
