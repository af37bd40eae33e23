/** ATT&CK with no techniques: the project's tactics table, and technique names the rules themselves carry. */
import type { AttackData, Technique } from './types.js';
import { knownTactics } from './tactics.js';

export const FALLBACK_VERSION = 'fallback';

/** Said wherever fallback data stands in for a bundle. */
export const FALLBACK_NOTICE = 'full ATT&CK data is not loaded';

export function fallbackAttack(): AttackData {
  return { version: FALLBACK_VERSION, domain: 'enterprise-attack', tactics: knownTactics(), techniques: {} };
}

export function isFallback(data: AttackData): boolean {
  return data.version === FALLBACK_VERSION;
}

/**
 * Adds techniques known only by name (Elastic `threat` blocks: id → name) to a dataset, without
 * replacing what it knows. Returns a new object; tactic ids in `names` are ignored here.
 */
export function learnTechniqueNames(data: AttackData, names: Record<string, string>): AttackData {
  const techniques: Record<string, Technique> = { ...data.techniques };
  const learned = Object.entries(names).filter(([id]) => /^T\d{4}(\.\d{3})?$/.test(id) && !techniques[id]);
  if (learned.length === 0) return data;
  for (const [id, name] of learned) {
    const dot = id.indexOf('.');
    techniques[id] = {
      id,
      name,
      tactics: [],
      ...(dot > 0 ? { parent: id.slice(0, dot) } : {}),
      subtechniques: [],
      deprecated: false,
      revoked: false,
      platforms: [],
    };
  }
  for (const [id] of learned) {
    const parent = techniques[id].parent;
    if (parent && techniques[parent] && !techniques[parent].subtechniques.includes(id)) {
      techniques[parent] = {
        ...techniques[parent],
        subtechniques: [...techniques[parent].subtechniques, id].sort(),
      };
    }
  }
  return { ...data, techniques };
}
