/** A relation's evidence in words: literals as people read them, and what one rule has that the other lacks. */
import { implies, type Atom } from './atoms.js';
import { literalsRelated } from './literals.js';
import type { Literal, RuleForm } from './normal-form.js';

const OP_WORDS: Record<string, string> = {
  eq: 'is',
  match: 'contains',
  starts_with: 'starts with',
  ends_with: 'ends with',
  wildcard: 'matches',
  regex: 'matches regex',
  cidr: 'in',
  exists: 'exists',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  fieldref: 'equals field',
  keyword: 'contains',
};

function atomText(a: Atom): string {
  if (a.concept === 'opaque') return a.value;
  if (a.concept === 'keyword') return `"${a.value}" anywhere`;
  if (a.op === 'exists') return `${a.concept} exists`;
  const cased = a.caseSensitive ? ' (case-sensitive)' : '';
  return `${a.concept} ${OP_WORDS[a.op] ?? a.op} ${a.value}${cased}`;
}

/** `process.command_line contains /transfer or /download`; exclusions start with `not`. */
export function literalText(l: Literal): string {
  let text = texts.get(l);
  if (text === undefined) texts.set(l, (text = writtenLiteral(l)));
  return text;
}

const texts = new WeakMap<Literal, string>();

function writtenLiteral(l: Literal): string {
  if (l.negated) return `not ${atomText(l.atoms[0])}`;
  const [first] = l.atoms;
  const sameTest = l.atoms.every((a) => a.concept === first.concept && a.op === first.op);
  if (sameTest && first.concept !== 'opaque' && first.op !== 'exists' && l.atoms.length > 1)
    return `${atomText(first)} or ${l.atoms
      .slice(1)
      .map((a) => a.value)
      .join(' or ')}`;
  return l.atoms.map(atomText).join(' or ');
}

export interface Evidence {
  shared: string[];
  onlySubject: string[];
  onlyOther: string[];
}

function distinctLiterals(form: RuleForm): Literal[] {
  let found = distinct.get(form);
  if (!found) {
    const byKey = new Map<string, Literal>();
    for (const c of form.conjunctions) for (const l of c) if (!byKey.has(l.key)) byKey.set(l.key, l);
    distinct.set(form, (found = [...byKey.values()]));
  }
  return found;
}

const distinct = new WeakMap<RuleForm, Literal[]>();

const MAX_PAIRWISE = 400;

/** Alternatives of `b`'s literal that none of `a`'s touches: what `b` accepts beyond `a`, as `or …`. */
function extraAlternatives(a: Literal, b: Literal): string[] {
  if (a.negated || b.negated) return [];
  const keys = new Set(a.atoms.map((x) => x.key));
  // Long lists (hashes, domains) are told apart by their values alone: pairwise implication costs too much.
  const pairwise = a.atoms.length * b.atoms.length <= MAX_PAIRWISE;
  return b.atoms
    .filter((y) => !keys.has(y.key) && (!pairwise || !a.atoms.some((x) => implies(x, y) || implies(y, x))))
    .map((y) => `or ${atomText(y)}`);
}

/**
 * Literals of the subject the other tests too (in part, or in another form: then both forms are given), and
 * each side's own; alternatives one side's literal accepts beyond its kin in the other come as `or …`.
 */
export function evidence(subject: RuleForm, other: RuleForm): Evidence {
  const mine = distinctLiterals(subject);
  const theirs = distinctLiterals(other);
  const matched = new Set<Literal>();
  const shared: string[] = [];
  const onlySubject: string[] = [];
  const onlyOther: string[] = [];
  for (const l of mine) {
    const kin = theirs.filter((t) => literalsRelated(l, t));
    if (kin.length === 0) {
      onlySubject.push(literalText(l));
      continue;
    }
    kin.forEach((t) => matched.add(t));
    const mineText = literalText(l);
    const other = kin.map(literalText).find((t) => t !== mineText);
    shared.push(other ? `${mineText} (other: ${other})` : mineText);
    for (const t of kin) {
      onlySubject.push(...extraAlternatives(t, l));
      onlyOther.push(...extraAlternatives(l, t));
    }
  }
  onlyOther.push(...theirs.filter((t) => !matched.has(t)).map(literalText));
  const distinct = (list: string[]): string[] => [...new Set(list)];
  return { shared: distinct(shared), onlySubject: distinct(onlySubject), onlyOther: distinct(onlyOther) };
}

function inWords(text: string, exclusion: string, alternative: string, requirement: string): string {
  if (text.startsWith('not ')) return `${exclusion} ${text.slice(4)}`;
  if (text.startsWith('or ')) return `${alternative} ${text.slice(3)}`;
  return `${requirement} ${text}`;
}

/** What the other rule does differently, in words: `also requires …`, `excludes …`, `does not require …`. */
export function differenceWords(e: Pick<Evidence, 'onlySubject' | 'onlyOther'>): string[] {
  const words: string[] = [];
  for (const text of e.onlyOther) words.push(inWords(text, 'excludes', 'also accepts', 'also requires'));
  for (const text of e.onlySubject)
    words.push(inWords(text, 'does not exclude', 'does not accept', 'does not require'));
  return words;
}
