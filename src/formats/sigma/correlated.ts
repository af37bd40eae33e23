/**
 * Sigma correlation rules carry what the rules they correlate declare: a correlation of two ATT&CK-tagged rules in
 * one file covers their techniques and reads their logs, though it states neither itself.
 */
import type { RuleDocument } from '../../model/rule.js';
import { asRecord } from '../../text/yaml-documents.js';
import type { RulePart } from '../../languages/sigma/documents.js';

/** The names and ids a correlation's `rules` list gives. */
function correlatedNames(value: Record<string, unknown>): string[] {
  const rules = asRecord(value.correlation)?.rules;
  const list = Array.isArray(rules) ? rules : [rules];
  return list.filter((r): r is string => typeof r === 'string');
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Adds to each correlation rule the ATT&CK ids, and (when it has no logsource) the context, of the rules it names. */
export function withCorrelatedRules(rules: RuleDocument[], parts: RulePart[]): RuleDocument[] {
  const byName = new Map<string, RuleDocument>();
  parts.forEach((part, i) => {
    for (const key of [part.value.name, part.value.id])
      if (typeof key === 'string') byName.set(key, rules[i]);
  });
  return rules.map((rule, i) => {
    const named = correlatedNames(parts[i].value)
      .map((n) => byName.get(n))
      .filter((r): r is RuleDocument => r !== undefined && r !== rule);
    if (named.length === 0) return rule;
    const attack = { ...rule.attack, names: { ...rule.attack.names } };
    for (const other of named) {
      attack.techniques = union(attack.techniques, other.attack.techniques);
      attack.tactics = union(attack.tactics, other.attack.tactics);
      Object.assign(attack.names, other.attack.names);
    }
    const context = Object.keys(rule.context).length ? rule.context : { ...named[0].context };
    return { ...rule, attack, context };
  });
}
