/** Findings about the ATT&CK a rule declares: unknown, revoked (with the replacement) and deprecated techniques, tactics none of its techniques has. */
import { resolveAttack, type AttackData } from '../../knowledge/attack/index.js';
import type { RuleDocument } from '../../model/rule.js';
import type { CheckedFile, Finding } from './finding.js';

export function attackFindings(file: CheckedFile, rule: RuleDocument, data: AttackData): Finding[] {
  const attack = resolveAttack(rule.attack, data);
  const out: Finding[] = [];
  const at = (id: string) => file.spanOf(rule, id);
  for (const t of attack.techniques) {
    if (t.status === 'unknown')
      out.push(
        file.finding(
          'attack/unknown-technique',
          `${t.id} is not a technique of ATT&CK ${data.version}`,
          rule,
          at(t.id),
        ),
      );
    else if (t.status === 'revoked')
      out.push(
        file.finding(
          'attack/revoked-technique',
          `${t.id} (${t.name}) is revoked${t.resolvedTo ? `: use ${t.resolvedTo} (${data.techniques[t.resolvedTo]?.name ?? ''})` : ''}`,
          rule,
          at(t.id),
        ),
      );
    else if (t.status === 'deprecated')
      out.push(
        file.finding(
          'attack/deprecated-technique',
          `${t.id} (${t.name}) is deprecated in ATT&CK ${data.version}`,
          rule,
          at(t.id),
        ),
      );
  }
  // A mismatch is only sure when every technique is known: an unknown one may belong to the tactic.
  if (attack.techniques.length === 0 || attack.techniques.some((t) => t.status === 'unknown')) return out;
  for (const tactic of attack.tactics)
    if (tactic.declared && tactic.techniques.length === 0)
      out.push(
        file.finding(
          'attack/tactic-mismatch',
          `The rule declares ${tactic.name} (${tactic.id}) but none of its techniques (${attack.techniques.map((t) => t.id).join(', ')}) belongs to it`,
          rule,
          at(tactic.shortname.replace(/-/g, '_')) ?? at(tactic.shortname) ?? at(tactic.name) ?? at(tactic.id),
        ),
      );
  return out;
}
