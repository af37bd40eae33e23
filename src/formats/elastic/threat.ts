/** Declared ATT&CK from Elastic `threat` blocks (tactic, techniques, sub-techniques with their names) and eqllib lists. */
import type { DeclaredAttack } from '../../model/rule.js';
import { stringList } from '../document.js';
import { asTable } from './toml-file.js';

function tableList(value: unknown): Record<string, unknown>[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map(asTable).filter((t): t is Record<string, unknown> => t !== undefined);
}

/** Adds one `{id, name}` entry; ids are upper-cased as the model wants. */
function declare(entry: Record<string, unknown>, into: string[], names: Record<string, string>): void {
  if (typeof entry.id !== 'string' || entry.id.trim() === '') return;
  const id = entry.id.trim().toUpperCase();
  if (!into.includes(id)) into.push(id);
  if (typeof entry.name === 'string' && entry.name) names[id] = entry.name;
}

/** `[[rule.threat]]` blocks: `tactic`, `technique[]`, `technique[].subtechnique[]`. */
export function threatAttack(threat: unknown): DeclaredAttack {
  const attack: DeclaredAttack = { techniques: [], tactics: [], names: {} };
  for (const block of tableList(threat)) {
    const tactic = asTable(block.tactic);
    if (tactic) declare(tactic, attack.tactics, attack.names);
    for (const technique of tableList(block.technique)) {
      declare(technique, attack.techniques, attack.names);
      for (const sub of tableList(technique.subtechnique)) declare(sub, attack.techniques, attack.names);
    }
  }
  return attack;
}

/** A tactic name as the model's shortname: `Defense Evasion` → `defense-evasion`. */
export function tacticShortname(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** Plain lists of technique ids and tactic names (eqllib `techniques`/`tactics`, hunting `mitre`). */
export function listedAttack(techniques: unknown, tactics: unknown): DeclaredAttack {
  const tacticIds = stringList(tactics).map((t) =>
    /^TA\d{4}$/i.test(t.trim()) ? t.trim().toUpperCase() : tacticShortname(t),
  );
  return {
    techniques: [...new Set(stringList(techniques).map((t) => t.trim().toUpperCase()))],
    tactics: [...new Set(tacticIds)],
    names: {},
  };
}
