/** Resolves the ATT&CK a rule declares against the loaded data: names, tactics, revoked and unknown ids. */
import type {
  AttackData,
  DeclaredAttackInput,
  ResolvedTechnique,
  RuleAttack,
  Tactic,
  Technique,
} from './types.js';
import { findTactic, knownTactics } from './tactics.js';

/** Revocation chains are short; the bound only guards against a cycle in a malformed bundle. */
const MAX_REVOCATIONS = 8;

export function resolveAttack(declared: DeclaredAttackInput, data: AttackData): RuleAttack {
  const techniques = [...new Set(declared.techniques.map((id) => id.trim().toUpperCase()))].map((id) =>
    resolveTechnique(id, declared.names, data),
  );
  const tactics = new Map<string, Tactic & { techniques: string[]; declared?: boolean }>();
  const place = (tactic: Tactic): Tactic & { techniques: string[]; declared?: boolean } => {
    const key = `${tactic.id}/${tactic.shortname}`;
    let entry = tactics.get(key);
    if (!entry) tactics.set(key, (entry = { ...tactic, techniques: [] }));
    return entry;
  };
  for (const t of techniques) for (const tactic of t.tactics) place(tactic).techniques.push(t.id);
  for (const name of declared.tactics) {
    const tactic = declaredTactic(name, declared.names, data);
    if (tactic) place(tactic).declared = true;
  }
  return { techniques, tactics: inMatrixOrder([...tactics.values()], data) };
}

function resolveTechnique(id: string, names: Record<string, string>, data: AttackData): ResolvedTechnique {
  const dot = id.indexOf('.');
  const parent = dot > 0 ? id.slice(0, dot) : undefined;
  const known = data.techniques[id];
  if (!known)
    return { id, name: names[id] ?? '', tactics: [], status: 'unknown', ...(parent ? { parent } : {}) };
  const current = followRevocations(known, data);
  const status = known.revoked ? 'revoked' : known.deprecated ? 'deprecated' : 'ok';
  return {
    id,
    name: known.name,
    tactics: tacticsOf(current, data),
    status,
    ...(known.revoked && current.id !== known.id ? { resolvedTo: current.id } : {}),
    ...(parent ? { parent } : {}),
  };
}

function followRevocations(technique: Technique, data: AttackData): Technique {
  let current = technique;
  for (let i = 0; i < MAX_REVOCATIONS && current.revoked && current.revokedBy; i++) {
    const next = data.techniques[current.revokedBy];
    if (!next) break;
    current = next;
  }
  return current;
}

function tacticsOf(technique: Technique, data: AttackData): Tactic[] {
  const found: Tactic[] = [];
  for (const shortname of technique.tactics) {
    const tactic =
      data.tactics.find((t) => t.shortname === shortname) ??
      knownTactics().find((t) => t.shortname === shortname);
    if (tactic) found.push(tactic);
  }
  return found;
}

/** A tactic the loaded version lacks (`stealth` against v18, `defense-evasion` against v19) is still shown as declared. */
function declaredTactic(
  declared: string,
  names: Record<string, string>,
  data: AttackData,
): Tactic | undefined {
  const name = names[declared.trim().toUpperCase()];
  return findTactic(data.tactics, declared, name) ?? findTactic(knownTactics(), declared, name);
}

/** The loaded matrix first; a tactic from outside it sits after the last loaded tactic that precedes it in the merged order. */
function inMatrixOrder<T extends Tactic>(tactics: T[], data: AttackData): T[] {
  const merged = knownTactics();
  const rank = (t: Tactic): number => {
    const loaded = data.tactics.findIndex((d) => d.shortname === t.shortname);
    if (loaded >= 0) return loaded;
    const at = merged.findIndex((m) => m.shortname === t.shortname);
    for (let i = at - 1; i >= 0; i--) {
      const before = data.tactics.findIndex((d) => d.shortname === merged[i].shortname);
      if (before >= 0) return before + 0.5 + at / (2 * merged.length);
    }
    return at < 0 ? data.tactics.length : -0.5 + at / (2 * merged.length);
  };
  return tactics
    .map((t) => ({ t, r: rank(t) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.t);
}
