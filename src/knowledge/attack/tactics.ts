/** The tactics table of the project's data file, and the ways rules write a tactic. */
import { readDataFile } from '../data-file.js';
import type { Tactic } from './types.js';

interface TacticsFile {
  tactics: Array<Tactic & { since?: string; until?: string }>;
}

/** Every tactic the project knows, pre-v19 and v19, in merged matrix order. */
export function knownTactics(): Tactic[] {
  return readDataFile<TacticsFile>('attack-tactics.json').tactics.map(({ id, shortname, name }) => ({
    id,
    shortname,
    name,
  }));
}

/**
 * `Command_and_control`, `command and control`, `Command-And-Control` all read as the shortname
 * `command-and-control`; an id (`ta0003`) is upper-cased.
 */
export function normalizeTactic(declared: string): string {
  const text = declared.trim();
  if (/^ta\d{4}$/i.test(text)) return text.toUpperCase();
  return text
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/&/g, 'and')
    .replace(/-+/g, '-');
}

/**
 * Finds a declared tactic among `tactics`: by id (several tactics may share one across versions, as
 * TA0005 Defense Evasion and Stealth do: the name the rule carries decides), by shortname, or by name.
 */
export function findTactic(tactics: Tactic[], declared: string, declaredName?: string): Tactic | undefined {
  const key = normalizeTactic(declared);
  if (/^TA\d{4}$/.test(key)) {
    const byId = tactics.filter((t) => t.id === key);
    if (byId.length > 1 && declaredName) {
      const named = byId.find((t) => normalizeTactic(t.name) === normalizeTactic(declaredName));
      if (named) return named;
    }
    return byId[0];
  }
  return tactics.find((t) => t.shortname === key) ?? tactics.find((t) => normalizeTactic(t.name) === key);
}
