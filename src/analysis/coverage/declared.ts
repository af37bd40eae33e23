/**
 * Coverage counted under the tactics rules declare only: a rule for T1098 that declares Persistence counts under
 * Persistence, not under Privilege Escalation, which ATT&CK also lists for T1098.
 */
import { findTactic, knownTactics, type AttackData } from '../../knowledge/attack/index.js';
import type { Coverage, CoverageRule, TacticCoverage, TechniqueCoverage } from './matrix.js';

/** Each rule's declared tactics as shortnames of the loaded matrix (or the merged one for other versions). */
function declaredShortnames(rules: CoverageRule[], data: AttackData): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const rule of rules) {
    const names = new Set<string>();
    for (const declared of rule.tactics ?? []) {
      const tactic = findTactic(data.tactics, declared) ?? findTactic(knownTactics(), declared);
      if (tactic) names.add(tactic.shortname);
    }
    out.set(rule.id, names);
  }
  return out;
}

function restricted(
  technique: TechniqueCoverage,
  keep: (ruleId: string) => boolean,
  coverage: Coverage,
): TechniqueCoverage {
  const ruleIds = technique.ruleIds.filter(keep);
  const byLanguage: Record<string, number> = {};
  for (const id of ruleIds) {
    const language = coverage.ruleIndex[id]?.language ?? 'none';
    byLanguage[language] = (byLanguage[language] ?? 0) + 1;
  }
  const subtechniqueRuleIds = technique.subtechniqueRuleIds.filter(keep);
  return {
    ...technique,
    ruleIds,
    rules: ruleIds.length,
    byLanguage,
    subtechniqueRuleIds,
    subtechniqueRules: subtechniqueRuleIds.length,
  };
}

/** The coverage with each tactic counting only the rules that declare it. */
export function declaredTacticsOnly(coverage: Coverage, rules: CoverageRule[], data: AttackData): Coverage {
  const declared = declaredShortnames(rules, data);
  const tactics: TacticCoverage[] = coverage.tactics.map((tactic) => {
    const keep = (ruleId: string): boolean => declared.get(ruleId)?.has(tactic.shortname) ?? false;
    const techniques = tactic.techniques
      .map((t) => restricted(t, keep, coverage))
      .filter((t) => t.rules + t.subtechniqueRules > 0);
    const ruleCount = new Set(techniques.flatMap((t) => [...t.ruleIds, ...t.subtechniqueRuleIds])).size;
    return { ...tactic, techniques, rules: ruleCount };
  });
  return { ...coverage, tactics };
}
