/** The matrix's columns: per tactic, techniques with their sub-techniques folded under them, and the gaps. */
import type { TacticCoverage, TechniqueCoverage } from '../../analysis/coverage/index.js';
import type { AttackData, Technique } from '../../knowledge/attack/index.js';
import type { Coverage } from '../site.js';

export interface MatrixCell {
  id: string;
  name: string;
  /** Rules naming the technique itself: the cell's shade and the layer's score. */
  count: number;
  /** Rules naming only its sub-techniques, shown apart. */
  subtechniqueRules: number;
  byLanguage: Record<string, number>;
}

/** A technique of a column with its sub-techniques under the same tactic, covered or not, folded under it. */
export interface MatrixTechnique extends MatrixCell {
  subtechniques: MatrixCell[];
}

export interface MatrixColumn {
  id: string;
  shortname: string;
  name: string;
  /** Distinct rules under the tactic, and techniques the loaded data places under it. */
  rules: number;
  available: number;
  /** Live techniques of the tactic that rules name, as the home page counts them. */
  coveredCount: number;
  covered: MatrixTechnique[];
  /** Techniques of the tactic no rule covers (none for the bare tactics table, which lists no techniques). */
  gaps: MatrixTechnique[];
}

export function cellOf(t: TechniqueCoverage): MatrixCell {
  return {
    id: t.id,
    name: t.name,
    count: t.rules,
    subtechniqueRules: t.subtechniqueRules,
    byLanguage: t.byLanguage,
  };
}

function blankCell(t: Technique): MatrixCell {
  return { id: t.id, name: t.name, count: 0, subtechniqueRules: 0, byLanguage: {} };
}

const byRules = (a: MatrixCell, b: MatrixCell): number =>
  b.count - a.count || b.subtechniqueRules - a.subtechniqueRules || a.id.localeCompare(b.id);

/** Techniques a tactic's column shows: neither revoked nor deprecated, placed under the tactic. */
function live(t: Technique | undefined, tactic: string): t is Technique {
  return !!t && !t.revoked && !t.deprecated && t.tactics.includes(tactic);
}

/** A technique with its sub-techniques under the tactic: those rules name, then the live ones no rule names. */
function withSubtechniques(parent: MatrixCell, tactic: TacticCoverage, data: AttackData): MatrixTechnique {
  const named = tactic.techniques.filter((t) => t.parent === parent.id).map(cellOf);
  const known = new Set(named.map((c) => c.id));
  const rest = (data.techniques[parent.id]?.subtechniques ?? [])
    .map((id) => data.techniques[id])
    .filter((t) => live(t, tactic.shortname) && !known.has(t.id))
    .map(blankCell);
  return {
    ...parent,
    subtechniques: [...named.sort(byRules), ...rest.sort((a, b) => a.id.localeCompare(b.id))],
  };
}

/** Whether a technique or one of its sub-techniques has `text` in its id or name; keeps only matching subs then. */
function matching(t: MatrixTechnique, text: string | undefined): MatrixTechnique | undefined {
  if (!text) return t;
  const hit = (c: MatrixCell): boolean => `${c.id} ${c.name}`.toLowerCase().includes(text.toLowerCase());
  if (hit(t)) return t;
  const subtechniques = t.subtechniques.filter(hit);
  return subtechniques.length ? { ...t, subtechniques } : undefined;
}

function columnOf(
  tactic: TacticCoverage,
  coverage: Coverage,
  data: AttackData,
  knowsTechniques: boolean,
  find: string | undefined,
): MatrixColumn {
  const here = new Map(tactic.techniques.map((t) => [t.id, t]));
  // A sub-technique is folded under its parent when the parent is in this column too.
  const top = tactic.techniques.filter((t) => !(t.parent && here.has(t.parent))).map(cellOf);
  const gaps = knowsTechniques
    ? Object.values(data.techniques)
        .filter((t) => !t.parent && live(t, tactic.shortname) && !coverage.techniques[t.id])
        .map(blankCell)
        .sort((a, b) => a.name.localeCompare(b.name))
    : [];
  const folded = (cells: MatrixCell[]): MatrixTechnique[] =>
    cells.flatMap((c) => matching(withSubtechniques(c, tactic, data), find) ?? []);
  return {
    id: tactic.id,
    shortname: tactic.shortname,
    name: tactic.name,
    rules: tactic.rules,
    available: tactic.available,
    coveredCount: tactic.covered,
    covered: folded(top.sort(byRules)),
    // A gap's sub-techniques are all gaps too: the column lists the technique alone, which keeps the page light.
    gaps: gaps.flatMap((c) => matching({ ...c, subtechniques: [] }, find) ?? []),
  };
}

export function matrixColumns(
  coverage: Coverage,
  data: AttackData,
  knowsTechniques: boolean,
  find?: string,
): MatrixColumn[] {
  return coverage.tactics.map((t) => columnOf(t, coverage, data, knowsTechniques, find));
}
