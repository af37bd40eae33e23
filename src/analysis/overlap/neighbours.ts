/** Relations of changed rules with their neighbours (rules sharing a rare word), both ways, disjoint pairs left out. */
import { WordIndex } from './blocking.js';
import type { RuleForm } from './normal-form.js';
import { evidence } from './evidence.js';
import { classifyForms, converse, relateForms, type RuleRelation } from './relation.js';

/** `other`'s relation to `subject`, scored by the rarity of the words they share. */
export interface RelationRow extends RuleRelation {
  subject: string;
  other: string;
  score: number;
}

export interface Neighbourhood {
  forms: { get(key: string): RuleForm | undefined };
  index: WordIndex;
}

/** What a refresh writes: the related pairs touching what changed, and pairs that no longer meet. */
export interface RelationUpdate {
  /** Each related pair once per direction. */
  rows: RelationRow[];
  /** Pairs of unchanged rules that met before and no longer do (their rows go; rows of changed rules go all). */
  parted: Array<[string, string]>;
  /** Candidate pairs related. */
  pairs: number;
}

/**
 * Relations of every pair that meets (by blocking) and has a rule in `changed`. Given the index `before` the
 * change, also the pairs of unchanged rules whose block words moved as word counts did: the result is then
 * what relating the whole catalog again would give, pair for pair.
 */
export function relateNeighbours(
  hood: Neighbourhood,
  changed: ReadonlySet<string>,
  before?: WordIndex,
): RelationUpdate {
  const pairs = new Map<string, [string, string]>();
  // Each pair is related from its lower key, so that the answer (the order of its reasons) is one however found.
  const add = (a: string, b: string): void => {
    const [subject, other] = a < b ? [a, b] : [b, a];
    const key = `${subject}\u0000${other}`;
    if (!pairs.has(key)) pairs.set(key, [subject, other]);
  };
  for (const subject of changed) for (const other of hood.index.partners(subject)) add(subject, other);
  const parted: Array<[string, string]> = [];
  if (before)
    for (const rule of shiftedRules(before, hood.index, changed)) {
      const now = hood.index.partners(rule);
      const then = before.partners(rule);
      for (const other of now) if (!then.has(other) && !changed.has(other)) add(rule, other);
      for (const other of then) if (!now.has(other) && !changed.has(other)) parted.push([rule, other]);
    }
  const rows: RelationRow[] = [];
  for (const [subject, other] of pairs.values()) rows.push(...relatePair(hood, subject, other));
  return { rows, parted, pairs: pairs.size };
}

/** Unchanged rules whose block words moved: they hold a word of a changed rule that could be a block word. */
function shiftedRules(before: WordIndex, after: WordIndex, changed: ReadonlySet<string>): Set<string> {
  const words = new Set<string>();
  for (const rule of changed) for (const w of [...before.words(rule), ...after.words(rule)]) words.add(w);
  const shifted = new Set<string>();
  for (const w of words) {
    if (before.frequency(w) > WordIndex.COMMON && after.frequency(w) > WordIndex.COMMON) continue;
    for (const rule of after.holders(w)) {
      if (changed.has(rule) || shifted.has(rule)) continue;
      const then = before.ruleBlockWords(rule);
      const now = after.ruleBlockWords(rule);
      if (then.length !== now.length || then.some((x, i) => x !== now[i])) shifted.add(rule);
    }
  }
  return shifted;
}

/** Both rows of a related pair; none when disjoint. */
function relatePair(hood: Neighbourhood, subject: string, other: string): RelationRow[] {
  const form = hood.forms.get(subject);
  const otherForm = hood.forms.get(other);
  if (!form || !otherForm) return [];
  const { relation, why } = classifyForms(form, otherForm);
  if (relation === 'disjoint') return [];
  const score = hood.index.score(hood.index.words(subject), hood.index.words(other));
  return [
    { subject, other, score, relation, ...evidence(form, otherForm), ...(why ? { why } : {}) },
    {
      subject: other,
      other: subject,
      score,
      relation: converse(relation),
      ...evidence(otherForm, form),
      ...swapWhy(why),
    },
  ];
}

/** Relations of a rule outside the catalog (a file) with the catalog's rules, best first. */
export function relateOutsider(hood: Neighbourhood, form: RuleForm, words: string[]): RelationRow[] {
  const rows: RelationRow[] = [];
  for (const other of hood.index.candidates(words)) {
    const otherForm = hood.forms.get(other);
    if (!otherForm) continue;
    if (classifyForms(form, otherForm).relation === 'disjoint') continue;
    const relation = relateForms(form, otherForm);
    rows.push({ subject: '', other, score: hood.index.score(words, hood.index.words(other)), ...relation });
  }
  return rows.sort(byCloseness);
}

/** The reason seen from the other side: `the subject` and `the other rule` trade places. */
function swapWhy(why: string | undefined): { why?: string } {
  if (!why) return {};
  return {
    why: why.replace(/the (subject|other rule)/g, (_m, who: string) =>
      who === 'subject' ? 'the other rule' : 'the subject',
    ),
  };
}

const RANK: Record<string, number> = { equivalent: 0, narrower: 1, broader: 1, overlapping: 2, disjoint: 3 };

/** Containment first, then the score. */
export function byCloseness(
  a: Pick<RelationRow, 'relation' | 'score'>,
  b: Pick<RelationRow, 'relation' | 'score'>,
): number {
  return RANK[a.relation] - RANK[b.relation] || b.score - a.score;
}
