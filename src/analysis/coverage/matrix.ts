/** ATT&CK coverage of a set of rules: per tactic in matrix order and per technique, with counts by language. */
import type { AttackData, Tactic, Technique } from '../../knowledge/attack/index.js';

export interface CoverageRule {
  id: string;
  title: string;
  language: string;
  source: string;
  techniques: string[];
  /** The tactics the rule declares (ids, shortnames or names), for coverage by declared tactics. */
  tactics?: string[];
  /**
   * How many rules this entry stands for: a catalog's rules of one source and language that name the same
   * techniques (its technique sets). Counts are exact; such entries add no rule ids or index rows. Default 1.
   */
  count?: number;
}

export interface TechniqueCoverage {
  id: string;
  name: string;
  parent?: string;
  deprecated?: boolean;
  /** Rules that name the technique itself (a revoked id counts for the technique that replaced it). */
  rules: number;
  byLanguage: Record<string, number>;
  ruleIds: string[];
  /** For a parent: rules that name only its sub-techniques. Shown apart from `rules`, never added to it. */
  subtechniqueRules: number;
  subtechniqueRuleIds: string[];
}

export interface TacticCoverage extends Tactic {
  /** Distinct rules with a technique under the tactic. */
  rules: number;
  /** Techniques with rules (directly or through sub-techniques), by id. */
  techniques: TechniqueCoverage[];
  /** Techniques of the tactic in the loaded data that are neither revoked nor deprecated (for the gaps). */
  available: number;
  /** Of those `available`, the ones some rule names: `covered of available` never passes 100%. */
  covered: number;
}

export interface Coverage {
  attackVersion: string;
  domain: string;
  /** Rules given, and those with at least one technique. */
  rules: number;
  rulesWithTechniques: number;
  tactics: TacticCoverage[];
  techniques: Record<string, TechniqueCoverage>;
  /** Known techniques the data places under no tactic (fallback data knows names only). */
  unplaced: string[];
  /** Technique ids the data does not know → the rules that name them (ids of single rules only). */
  unknown: Record<string, string[]>;
  /** Technique ids the data does not know → how many rules name them. */
  unknownRules: Record<string, number>;
  /** Title, language and source of each rule with techniques, for comments and pages. */
  ruleIndex: Record<string, { title: string; language: string; source: string }>;
}

/** Revocation chains are short; the bound guards against a cycle in a malformed bundle. */
const MAX_REVOCATIONS = 8;

export function coverageMatrix(rules: CoverageRule[], data: AttackData): Coverage {
  const techniques: Record<string, TechniqueCoverage> = {};
  const unknown: Record<string, string[]> = {};
  const unknownRules: Record<string, number> = {};
  const ruleIndex: Coverage['ruleIndex'] = {};
  const tacticRules = new Map<string, number>();
  let ruleCount = 0;
  let rulesWithTechniques = 0;
  for (const rule of rules) {
    const weight = rule.count ?? 1;
    const single = rule.count === undefined;
    ruleCount += weight;
    const ids = [...new Set(rule.techniques.map((t) => current(t.trim().toUpperCase(), data)))];
    if (!ids.length) continue;
    rulesWithTechniques += weight;
    const tactics = new Set<string>();
    for (const id of ids) {
      const technique = data.techniques[id];
      if (!technique) {
        unknownRules[id] = (unknownRules[id] ?? 0) + weight;
        if (single) (unknown[id] ??= []).push(rule.id);
        continue;
      }
      credit(entry(techniques, technique), rule, weight, single);
      for (const t of technique.tactics) tactics.add(t);
    }
    creditParents(techniques, ids, rule, weight, single, data);
    for (const t of tactics) tacticRules.set(t, (tacticRules.get(t) ?? 0) + weight);
    if (single) ruleIndex[rule.id] = { title: rule.title, language: rule.language, source: rule.source };
  }
  return {
    attackVersion: data.version,
    domain: data.domain,
    rules: ruleCount,
    rulesWithTechniques,
    tactics: data.tactics.map((tactic) =>
      tacticCoverage(tactic, tacticRules.get(tactic.shortname) ?? 0, techniques, data),
    ),
    techniques,
    unplaced: Object.keys(techniques).filter((id) => data.techniques[id].tactics.length === 0).sort(),
    unknown,
    unknownRules,
    ruleIndex,
  };
}

/** The technique a (possibly revoked) id stands for in the loaded data. */
function current(id: string, data: AttackData): string {
  let t = data.techniques[id];
  for (let i = 0; i < MAX_REVOCATIONS && t?.revoked && t.revokedBy && data.techniques[t.revokedBy]; i++) t = data.techniques[t.revokedBy];
  return t ? t.id : id;
}

function entry(techniques: Record<string, TechniqueCoverage>, technique: Technique): TechniqueCoverage {
  return (techniques[technique.id] ??= {
    id: technique.id,
    name: technique.name,
    ...(technique.parent ? { parent: technique.parent } : {}),
    ...(technique.deprecated ? { deprecated: true } : {}),
    rules: 0,
    byLanguage: {},
    ruleIds: [],
    subtechniqueRules: 0,
    subtechniqueRuleIds: [],
  });
}

/** Each rule is given once (its ids are distinct), so crediting needs no search of the ids so far. */
function credit(coverage: TechniqueCoverage, rule: CoverageRule, weight: number, single: boolean): void {
  if (single) coverage.ruleIds.push(rule.id);
  coverage.rules += weight;
  coverage.byLanguage[rule.language] = (coverage.byLanguage[rule.language] ?? 0) + weight;
}

/** A parent is credited with the rules naming its sub-techniques but not itself, apart from its own, each rule once. */
function creditParents(
  techniques: Record<string, TechniqueCoverage>,
  ids: string[],
  rule: CoverageRule,
  weight: number,
  single: boolean,
  data: AttackData,
): void {
  const named = new Set(ids);
  const parents = new Set<string>();
  for (const id of ids) {
    const parent = data.techniques[id]?.parent;
    if (parent && data.techniques[parent] && !named.has(parent)) parents.add(parent);
  }
  for (const parent of parents) {
    const target = entry(techniques, data.techniques[parent]);
    target.subtechniqueRules += weight;
    if (single) target.subtechniqueRuleIds.push(rule.id);
  }
}

function tacticCoverage(
  tactic: Tactic,
  rules: number,
  techniques: Record<string, TechniqueCoverage>,
  data: AttackData,
): TacticCoverage {
  const under = Object.values(techniques)
    .filter((t) => data.techniques[t.id].tactics.includes(tactic.shortname))
    .sort((a, b) => a.id.localeCompare(b.id));
  const live = (t: Technique): boolean => !t.revoked && !t.deprecated && t.tactics.includes(tactic.shortname);
  const available = Object.values(data.techniques).filter(live).length;
  const covered = under.filter((t) => t.rules > 0 && live(data.techniques[t.id])).length;
  return { ...tactic, rules, techniques: under, available, covered };
}

/** Technique ids covered (by at least one rule naming them) in `a` and not in `b`, and the other way round. */
export function compareCoverage(a: Coverage, b: Coverage): { onlyA: string[]; onlyB: string[] } {
  const covered = (c: Coverage) => new Set(Object.values(c.techniques).filter((t) => t.rules > 0).map((t) => t.id));
  const inA = covered(a);
  const inB = covered(b);
  return { onlyA: [...inA].filter((id) => !inB.has(id)).sort(), onlyB: [...inB].filter((id) => !inA.has(id)).sort() };
}
