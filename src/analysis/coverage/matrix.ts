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
  /** Technique ids the data does not know → the rules that name them. */
  unknown: Record<string, string[]>;
  /** Title, language and source of each rule with techniques, for comments and pages. */
  ruleIndex: Record<string, { title: string; language: string; source: string }>;
}

/** Revocation chains are short; the bound guards against a cycle in a malformed bundle. */
const MAX_REVOCATIONS = 8;

export function coverageMatrix(rules: CoverageRule[], data: AttackData): Coverage {
  const techniques: Record<string, TechniqueCoverage> = {};
  const unknown: Record<string, string[]> = {};
  const ruleIndex: Coverage['ruleIndex'] = {};
  let rulesWithTechniques = 0;
  for (const rule of rules) {
    const ids = [...new Set(rule.techniques.map((t) => current(t.trim().toUpperCase(), data)))];
    if (ids.length) rulesWithTechniques++;
    for (const id of ids) {
      const technique = data.techniques[id];
      if (!technique) (unknown[id] ??= []).push(rule.id);
      else credit(entry(techniques, technique), rule);
    }
    if (ids.length) ruleIndex[rule.id] = { title: rule.title, language: rule.language, source: rule.source };
  }
  creditParents(techniques, data);
  return {
    attackVersion: data.version,
    domain: data.domain,
    rules: rules.length,
    rulesWithTechniques,
    tactics: data.tactics.map((tactic) => tacticCoverage(tactic, techniques, data)),
    techniques,
    unplaced: Object.keys(techniques).filter((id) => data.techniques[id].tactics.length === 0).sort(),
    unknown,
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

function credit(coverage: TechniqueCoverage, rule: CoverageRule): void {
  if (coverage.ruleIds.includes(rule.id)) return;
  coverage.ruleIds.push(rule.id);
  coverage.rules++;
  coverage.byLanguage[rule.language] = (coverage.byLanguage[rule.language] ?? 0) + 1;
}

/** A parent is credited with its sub-techniques' rules apart from its own, each rule once. */
function creditParents(techniques: Record<string, TechniqueCoverage>, data: AttackData): void {
  for (const sub of Object.values(techniques)) {
    const parent = sub.parent && data.techniques[sub.parent];
    if (!parent || sub.rules === 0) continue;
    const target = entry(techniques, parent);
    for (const ruleId of sub.ruleIds) {
      if (target.ruleIds.includes(ruleId) || target.subtechniqueRuleIds.includes(ruleId)) continue;
      target.subtechniqueRuleIds.push(ruleId);
      target.subtechniqueRules++;
    }
  }
}

function tacticCoverage(tactic: Tactic, techniques: Record<string, TechniqueCoverage>, data: AttackData): TacticCoverage {
  const under = Object.values(techniques)
    .filter((t) => data.techniques[t.id].tactics.includes(tactic.shortname))
    .sort((a, b) => a.id.localeCompare(b.id));
  const rules = new Set(under.flatMap((t) => t.ruleIds));
  const live = (t: Technique): boolean => !t.revoked && !t.deprecated && t.tactics.includes(tactic.shortname);
  const available = Object.values(data.techniques).filter(live).length;
  const covered = under.filter((t) => t.rules > 0 && live(data.techniques[t.id])).length;
  return { ...tactic, rules: rules.size, techniques: under, available, covered };
}

/** Technique ids covered (by at least one rule naming them) in `a` and not in `b`, and the other way round. */
export function compareCoverage(a: Coverage, b: Coverage): { onlyA: string[]; onlyB: string[] } {
  const covered = (c: Coverage) => new Set(Object.values(c.techniques).filter((t) => t.rules > 0).map((t) => t.id));
  const inA = covered(a);
  const inB = covered(b);
  return { onlyA: [...inA].filter((id) => !inB.has(id)).sort(), onlyB: [...inB].filter((id) => !inA.has(id)).sort() };
}
