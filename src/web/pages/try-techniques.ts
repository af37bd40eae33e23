/** The ATT&CK techniques the rules that fired on an event declare, next to the catalog's coverage of each. */
import { coverageMatrix, type CoverageRule, type TechniqueCoverage } from '../../analysis/coverage/index.js';
import type { AttackData } from '../../knowledge/attack/index.js';
import type { Coverage } from '../site.js';

export interface FiredTechnique {
  id: string;
  name: string;
  /** Tactic names, in matrix order. */
  tactics: string[];
  /** Rules that fired naming the technique itself, and by language. */
  fired: number;
  firedByLanguage: Record<string, number>;
  /** Rules of the catalog naming it: what covers it, whether it fired on this event or not. */
  catalogRules: number;
}

/** A tactic under which something fired: techniques that fired, next to those the catalog covers. */
export interface TriedTactic {
  id: string;
  name: string;
  fired: number;
  covered: number;
}

export interface TriedTechniques {
  attackVersion: string;
  fired: FiredTechnique[];
  /** In matrix order, only tactics with a technique that fired. */
  tactics: TriedTactic[];
  /** Live techniques (neither revoked nor deprecated) covered by at least one rule of the catalog. */
  catalogCovered: number;
  /** Ids the fired rules name that the loaded ATT&CK data does not know. */
  unknown: string[];
}

function tacticNames(data: AttackData, id: string): string[] {
  const own = data.techniques[id]?.tactics ?? [];
  return data.tactics.filter((t) => own.includes(t.shortname)).map((t) => t.name);
}

/** Techniques named by a rule themselves, not only through a sub-technique. */
function directly(techniques: TechniqueCoverage[]): number {
  return techniques.filter((t) => t.rules > 0).length;
}

/** Neither revoked nor deprecated: what the matrix and the home page count as covered. */
function live(data: AttackData, id: string): boolean {
  const t = data.techniques[id];
  return t !== undefined && !t.revoked && !t.deprecated;
}

/** `firedRules` are the hits as coverage rules; `catalog` the whole catalog's coverage with the same data. */
export function triedTechniques(
  firedRules: CoverageRule[],
  catalog: Coverage,
  data: AttackData,
): TriedTechniques {
  const fired = coverageMatrix(firedRules, data);
  return {
    attackVersion: data.version,
    fired: Object.values(fired.techniques)
      .filter((t) => t.rules > 0)
      .map((t) => ({
        id: t.id,
        name: t.name,
        tactics: tacticNames(data, t.id),
        fired: t.rules,
        firedByLanguage: t.byLanguage,
        catalogRules: catalog.techniques[t.id]?.rules ?? 0,
      }))
      .sort((a, b) => b.fired - a.fired || a.id.localeCompare(b.id)),
    tactics: fired.tactics
      .map((t) => ({
        id: t.id,
        name: t.name,
        fired: directly(t.techniques),
        covered: catalog.tactics.find((c) => c.id === t.id)?.covered ?? 0,
      }))
      .filter((t) => t.fired > 0),
    catalogCovered: Object.values(catalog.techniques).filter((t) => t.rules > 0 && live(data, t.id)).length,
    unknown: Object.keys(fired.unknown).sort(),
  };
}
