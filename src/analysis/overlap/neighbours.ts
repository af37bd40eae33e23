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

/** Every related pair with at least one rule in `changed`, once per direction. */
export function relateNeighbours(hood: Neighbourhood, changed: Iterable<string>): RelationRow[] {
  const rows: RelationRow[] = [];
  const done = new Set<string>();
  for (const subject of changed) {
    const form = hood.forms.get(subject);
    if (!form) continue;
    const words = hood.index.words(subject);
    for (const other of hood.index.candidates(words, subject)) {
      const pair = subject < other ? `${subject}\u0000${other}` : `${other}\u0000${subject}`;
      if (done.has(pair)) continue;
      done.add(pair);
      const otherForm = hood.forms.get(other);
      if (!otherForm) continue;
      const score = hood.index.score(words, hood.index.words(other));
      const { relation, why } = classifyForms(form, otherForm);
      if (relation === 'disjoint') continue;
      const back = evidence(otherForm, form);
      rows.push({ subject, other, score, relation, ...evidence(form, otherForm), ...(why ? { why } : {}) });
      rows.push({
        subject: other,
        other: subject,
        score,
        relation: converse(relation),
        ...back,
        ...swapWhy(why),
      });
    }
  }
  return rows;
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
