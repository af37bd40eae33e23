/** ATT&CK as YARA-L rules declare it: ids anywhere in meta, tactic names in `mitre*`/`tactic` keys, names beside ids. */
import type { DeclaredAttack } from '../../model/rule.js';
import { mergeIds, tacticIds, techniqueIds } from '../attack-ids.js';

/** Enterprise tactic shortnames, v19's split of Defense Evasion included. */
const TACTIC_SHORTNAMES = new Set([
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'stealth',
  'defense-impairment',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
]);
const TACTIC_KEYS = new Set(['mitre_attack_tactic', 'tactic', 'tactics', 'mitre', 'mitre_attack']);
const TECHNIQUE_NAME_KEYS = new Set(['mitre_attack_technique', 'technique']);
const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/i;
/** ATT&CK page addresses write a sub-technique as `techniques/T1059/001`. */
const TECHNIQUE_URL = /techniques\/(T\d{4})\/(\d{3})/gi;

export interface AttackPair {
  key: string;
  value: string;
}

/** `Defense Evasion`, `Defense_Evasion`, `command_and_control` → the shortname, when it names a tactic. */
export function tacticShortname(name: string): string | undefined {
  const shortname = name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return TACTIC_SHORTNAMES.has(shortname) ? shortname : undefined;
}

/** `pairs` are the meta pairs followed by the outcome's `mitre_attack_*` assignments. */
export function declaredAttack(pairs: AttackPair[]): DeclaredAttack {
  const text = pairs.map((p) => p.value.replace(TECHNIQUE_URL, '$1.$2')).join('\n');
  const named: string[] = [];
  for (const p of pairs) {
    if (!TACTIC_KEYS.has(p.key)) continue;
    for (const item of p.value.split(',')) {
      const shortname = tacticShortname(item);
      if (shortname) named.push(shortname);
    }
  }
  const techniques = techniqueIds(text);
  return { techniques, tactics: mergeIds(tacticIds(text), named), names: techniqueNames(pairs, techniques) };
}

/** A technique name is tied to an id only when the rule declares exactly one technique. */
function techniqueNames(pairs: AttackPair[], techniques: string[]): Record<string, string> {
  if (techniques.length !== 1) return {};
  const name = pairs.find(
    (p) =>
      TECHNIQUE_NAME_KEYS.has(p.key) &&
      !TECHNIQUE_ID.test(p.value.trim()) &&
      techniqueIds(p.value).length === 0,
  );
  return name ? { [techniques[0]]: name.value.trim() } : {};
}
