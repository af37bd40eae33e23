/** A model predicate compiled into a test on an event, read positively: the logic tree carries its polarity. */
import type { Predicate } from '../model/predicate.js';
import { lookupTable } from '../text/lookup.js';
import { inCidr, ipBytes, parseCidr } from './cidr.js';
import { TRANSFORMS, transformValue } from './encodings.js';
import type { EventScope, FieldAccess, FieldResolver, FieldValues } from './fields.js';
import { NotEvaluable } from './not-evaluable.js';
import { regexLiterals } from './regex-literals.js';
import { necessaryLiteral, regexTest, stringTest, termTest, type StringTest } from './string-match.js';

export interface PredicateTest {
  test(scope: EventScope): boolean;
  /** The field read, for explanations and the prefilter; absent for keywords. */
  access?: FieldAccess;
  /** Lower-case literals one of which a matching value contains (the prefilter's anchors); absent: none known. */
  anchors?: string[];
}

const STRING_OPS = new Set(['eq', 'match', 'starts_with', 'ends_with', 'wildcard', 'keyword']);
const FIELDREF_MATCH = new Set(['contains', 'startswith', 'endswith']);
const REGEX_FLAGS: Readonly<Record<string, string>> = lookupTable({
  i: 'i',
  ignorecase: 'i',
  m: 'm',
  multiline: 'm',
  s: 's',
  dotall: 's',
});

function anyValue(values: FieldValues, tests: StringTest[]): boolean {
  for (let i = 0; i < values.raw.length; i++)
    for (const t of tests) if (t(values.raw[i], values.lower[i])) return true;
  return false;
}

function everyTest(values: FieldValues, tests: StringTest[]): boolean {
  return tests.every((t) => values.raw.some((raw, i) => t(raw, values.lower[i])));
}

/** The rule's values through the predicate's transforms (`base64offset`, `windash`, ...). */
function spellings(p: Predicate): string[] {
  const modifiers = p.modifiers ?? [];
  if (modifiers.includes('expand') && p.values.some((v) => /%\w+%/.test(v)))
    throw new NotEvaluable(`placeholder ${p.values.find((v) => /%\w+%/.test(v))} has no value (expand)`);
  const transforms = modifiers.filter((m) => TRANSFORMS.has(m));
  if (transforms.length === 0) return p.values;
  if (p.op === 'wildcard' && transforms.some((t) => t !== 'windash'))
    throw new NotEvaluable(`${transforms.join('|')} on a value with wildcards`);
  try {
    return p.values.flatMap((v) => transformValue(v, transforms));
  } catch (err) {
    throw new NotEvaluable(`${transforms.join('|')}: ${(err as Error).message}`);
  }
}

function stringPredicate(p: Predicate, access: FieldAccess | undefined): PredicateTest {
  const values = spellings(p);
  // Kusto `has` and its kin match whole terms: `term` on a `match`, `starts_with` or `ends_with`.
  const byTerm = p.modifiers?.includes('term') && p.op !== 'eq' && p.op !== 'wildcard' && p.op !== 'keyword';
  const tests = values.map((v) => (byTerm ? termTest : stringTest)(p.op, v, p.caseSensitive));
  const all = p.all && tests.length > 1;
  const literals = values.map((v) => necessaryLiteral(p.op, v));
  let anchors: string[] | undefined;
  if (!literals.includes(undefined)) {
    const known = literals as string[];
    // Under `all` any one value is necessary: the longest narrows most.
    anchors = all ? [known.sort((a, b) => b.length - a.length)[0]] : known;
  }
  if (!access) {
    return {
      test: (scope) => (all ? everyTest(scope.everyValue(), tests) : anyValue(scope.everyValue(), tests)),
    };
  }
  return {
    access,
    anchors,
    test(scope) {
      const found = scope.values(access);
      if (!found) return false;
      return all ? everyTest(found, tests) : anyValue(found, tests);
    },
  };
}

function regexPredicate(p: Predicate, access: FieldAccess | undefined): PredicateTest {
  let flags = p.caseSensitive ? '' : 'i';
  for (const m of p.modifiers ?? [])
    if (REGEX_FLAGS[m] && !flags.includes(REGEX_FLAGS[m])) flags += REGEX_FLAGS[m];
  const sources: string[] = [];
  const patterns = p.values.map((v) => {
    // JavaScript has no inline flag groups: a leading `(?i)` becomes a flag.
    const inline = /^\(\?([ims]+)\)/.exec(v);
    let source = v;
    let f = flags;
    if (inline) {
      source = v.slice(inline[0].length);
      for (const c of inline[1]) if (!f.includes(c)) f += c;
    }
    sources.push(source);
    try {
      return new RegExp(source, f);
    } catch (err) {
      throw new NotEvaluable(`regular expression /${v}/ is not valid here: ${(err as Error).message}`);
    }
  });
  return stringLike(p, access, patterns.map(regexTest), regexAnchors(sources, p.all ?? false));
}

/** Literals one of which a matching value holds: any pattern's under `all`, every pattern's otherwise. */
function regexAnchors(sources: string[], all: boolean): string[] | undefined {
  const each = sources.map((source) => regexLiterals(source));
  if (all) return each.find((literals) => literals !== undefined);
  return each.includes(undefined) ? undefined : (each as string[][]).flat();
}

function stringLike(
  p: Predicate,
  access: FieldAccess | undefined,
  tests: StringTest[],
  anchors?: string[],
): PredicateTest {
  const all = p.all && tests.length > 1;
  const read = (scope: EventScope): FieldValues | null =>
    access ? scope.values(access) : scope.everyValue();
  return {
    access,
    anchors: access ? anchors : undefined,
    test(scope) {
      const found = read(scope);
      if (!found) return false;
      return all ? everyTest(found, tests) : anyValue(found, tests);
    },
  };
}

function cidrPredicate(p: Predicate, access: FieldAccess | undefined): PredicateTest {
  const ranges = p.values.map((v) => {
    const range = parseCidr(v);
    if (!range) throw new NotEvaluable(`"${v}" is not a CIDR range`);
    return range;
  });
  const tests: StringTest[] = [
    (raw) => {
      const address = ipBytes(raw);
      return address !== undefined && ranges.some((r) => inCidr(r, address));
    },
  ];
  return stringLike({ ...p, all: false }, access, tests);
}

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
};

function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

function comparePredicate(p: Predicate, access: FieldAccess | undefined): PredicateTest {
  const compare = COMPARE[p.op];
  const limits = p.values.map((v) => {
    const n = numberOf(v);
    if (Number.isNaN(n)) throw new NotEvaluable(`"${v}" is not a number for ${p.op}`);
    return n;
  });
  const tests: StringTest[] = limits.map((limit) => (raw) => {
    const n = numberOf(raw);
    return !Number.isNaN(n) && compare(n, limit);
  });
  return stringLike(p, access, tests);
}

function fieldrefPredicate(
  p: Predicate,
  access: FieldAccess,
  fields: FieldResolver,
  language: string,
): PredicateTest {
  const match = (p.modifiers ?? []).find((m) => FIELDREF_MATCH.has(m));
  const op =
    match === 'contains'
      ? 'match'
      : match === 'startswith'
        ? 'starts_with'
        : match === 'endswith'
          ? 'ends_with'
          : 'eq';
  const others = p.values.map((v) => fields.access(v, language));
  return {
    access,
    test(scope) {
      const found = scope.values(access);
      if (!found) return false;
      const hit = (other: FieldAccess): boolean => {
        const them = scope.values(other);
        if (!them) return false;
        return them.raw.some((r) => anyValue(found, [stringTest(op, r, p.caseSensitive)]));
      };
      return p.all ? others.every(hit) : others.some(hit);
    },
  };
}

export function compilePredicate(p: Predicate, fields: FieldResolver, language: string): PredicateTest {
  const access = p.field === null ? undefined : fields.access(p.field, language);
  if (STRING_OPS.has(p.op)) return stringPredicate(p, p.op === 'keyword' ? undefined : access);
  switch (p.op) {
    case 'regex':
      return regexPredicate(p, access);
    case 'cidr':
      return cidrPredicate(p, access);
    case 'exists':
      if (!access) throw new NotEvaluable('exists without a field');
      return { access, test: (scope) => scope.values(access) !== null };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return comparePredicate(p, access);
    case 'fieldref':
      if (!access) throw new NotEvaluable('fieldref without a field');
      return fieldrefPredicate(p, access, fields, language);
    default:
      throw new NotEvaluable(`operator ${p.op} is not evaluable`);
  }
}
