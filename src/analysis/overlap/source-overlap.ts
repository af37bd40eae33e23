/**
 * One rule collection against another: each rule's best counterpart in the other, the rules unique to each
 * side, counts per relation and per ATT&CK technique, and a Navigator layer (format 4.5) scoring A-only, B-only
 * and both.
 */
import type { RelationKind } from './relation.js';
import { LAYER_VIEW, layerVersions } from '../coverage/navigator.js';

/** The best counterpart of a rule, as the catalog lists related rules. */
export interface Counterpart {
  key: string;
  title: string;
  relation: RelationKind;
  score: number;
}

export interface SideRule {
  key: string;
  title: string;
  language: string | null;
  techniques: string[];
  /** Related rules of the other side, best first (empty: unique to this side). */
  related: Counterpart[];
}

export interface OverlapCounts {
  aOnly: number;
  bOnly: number;
  equivalent: number;
  narrower: number;
  broader: number;
  overlapping: number;
}

export interface TechniqueOverlap {
  technique: string;
  aOnly: number;
  bOnly: number;
  both: number;
}

export interface SourceOverlap {
  a: string;
  b: string;
  /** Relations are of the B counterpart to the A rule: `broader` means B's rule fires on all A's does, and more. */
  counts: OverlapCounts;
  pairs: Array<{ rule: Omit<SideRule, 'related'>; counterpart: Counterpart }>;
  aOnly: Array<Omit<SideRule, 'related'>>;
  bOnly: Array<Omit<SideRule, 'related'>>;
  techniques: TechniqueOverlap[];
}

function plain({ related: _related, ...rule }: SideRule): Omit<SideRule, 'related'> {
  return rule;
}

/** Counts A's rules by their best counterpart's relation; rules of either side without one are unique. */
export function compareSides(a: string, b: string, sideA: SideRule[], sideB: SideRule[]): SourceOverlap {
  const counts: OverlapCounts = {
    aOnly: 0,
    bOnly: 0,
    equivalent: 0,
    narrower: 0,
    broader: 0,
    overlapping: 0,
  };
  const pairs: SourceOverlap['pairs'] = [];
  for (const rule of sideA) {
    const best = rule.related[0];
    if (!best || best.relation === 'disjoint') continue;
    counts[best.relation]++;
    pairs.push({ rule: plain(rule), counterpart: best });
  }
  const aOnly = sideA.filter((r) => r.related.length === 0).map(plain);
  const bOnly = sideB.filter((r) => r.related.length === 0).map(plain);
  counts.aOnly = aOnly.length;
  counts.bOnly = bOnly.length;
  return { a, b, counts, pairs, aOnly, bOnly, techniques: techniqueOverlap(sideA, sideB) };
}

/** Per technique: rules of A with no counterpart, of B with none, and rules of either side that have one. */
function techniqueOverlap(sideA: SideRule[], sideB: SideRule[]): TechniqueOverlap[] {
  const byTechnique = new Map<string, TechniqueOverlap>();
  const add = (rules: SideRule[], unique: 'aOnly' | 'bOnly'): void => {
    for (const rule of rules)
      for (const technique of rule.techniques) {
        const row = byTechnique.get(technique) ?? { technique, aOnly: 0, bOnly: 0, both: 0 };
        row[rule.related.length ? 'both' : unique]++;
        byTechnique.set(technique, row);
      }
  };
  add(sideA, 'aOnly');
  add(sideB, 'bOnly');
  return [...byTechnique.values()].sort((x, y) => x.technique.localeCompare(y.technique));
}

/** Score 1: only A covers the technique; 2: only B; 3: both (a rule of either side has a counterpart, or both do). */
const SCORES = [
  { label: 'only A', color: '#fdae6b' },
  { label: 'only B', color: '#9ecae1' },
  { label: 'both', color: '#74c476' },
];

function techniqueScore(t: TechniqueOverlap): number {
  if (t.both > 0 || (t.aOnly > 0 && t.bOnly > 0)) return 3;
  return t.aOnly > 0 ? 1 : 2;
}

/** An ATT&CK Navigator layer (format 4.5) of the comparison. */
export function overlapLayer(overlap: SourceOverlap, attackVersion?: string): Record<string, unknown> {
  return {
    name: `${overlap.a} against ${overlap.b}`,
    versions: layerVersions(attackVersion),
    domain: 'enterprise-attack',
    description: `Techniques covered only by ${overlap.a} (1), only by ${overlap.b} (2), or by both (3), by rule logic.`,
    sorting: 0,
    hideDisabled: false,
    techniques: overlap.techniques.map((t) => {
      const score = techniqueScore(t);
      return {
        techniqueID: t.technique,
        score,
        color: SCORES[score - 1].color,
        comment: `${overlap.a} only: ${t.aOnly}; ${overlap.b} only: ${t.bOnly}; with a counterpart: ${t.both}`,
        enabled: true,
        metadata: [
          { name: `${overlap.a} only`, value: String(t.aOnly) },
          { name: `${overlap.b} only`, value: String(t.bOnly) },
          { name: 'both', value: String(t.both) },
        ],
        links: [],
        showSubtechniques: false,
      };
    }),
    gradient: { colors: SCORES.map((s) => s.color), minValue: 1, maxValue: 3 },
    legendItems: SCORES.map((s, i) => ({
      label: s.label.replace(/\b[AB]\b/, (side) => (side === 'A' ? overlap.a : overlap.b)),
      color: SCORES[i].color,
    })),
    metadata: [
      { name: 'equivalent', value: String(overlap.counts.equivalent) },
      { name: 'narrower', value: String(overlap.counts.narrower) },
      { name: 'broader', value: String(overlap.counts.broader) },
      { name: 'overlapping', value: String(overlap.counts.overlapping) },
      { name: `${overlap.a} only`, value: String(overlap.counts.aOnly) },
      { name: `${overlap.b} only`, value: String(overlap.counts.bOnly) },
      { name: 'generated by', value: 'ruleatlas' },
    ],
    ...LAYER_VIEW,
  };
}
