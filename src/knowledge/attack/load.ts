/** Chooses the ATT&CK data to resolve techniques with: a given bundle, the catalog's, the cache, or the shipped table. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AttackData } from './types.js';
import { readAttackBundle } from './bundle.js';
import { learnTechniqueNames } from './fallback.js';
import { offlineAttack, offlineVersion } from './offline-table.js';
import { versionFromFileName } from './version.js';

/** Where ATT&CK data may already be stored, and the technique names rules declare (the catalog offers both). */
export interface AttackStore {
  storedAttack(): AttackData | undefined;
  declaredTechniqueNames(): Record<string, string>;
}

export interface LoadedAttack {
  data: AttackData;
  /**
   * False when no bundle was loaded and the table shipped with the project stands in (its version's
   * techniques and tactics, plus names learned from rules for ids it lacks).
   */
  full: boolean;
  origin: string;
}

/** Said wherever the shipped table stands in for a loaded bundle. */
export const ATTACK_NOT_LOADED = `ATT&CK names and tactics come from the v${offlineVersion()} table shipped with ruleatlas: run \`ruleatlas attack update\` (or pass --attack PATH) to load another release.`;

/** Where `attack update` caches a downloaded bundle for catalogs and `explain` to share. */
export function attackCachePath(): string {
  const base =
    process.env.RULEATLAS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ruleatlas');
  return join(base, 'enterprise-attack.json');
}

export function loadAttack(options: { bundle?: string; catalog?: AttackStore }): LoadedAttack {
  // A bundle without a collection object says its version only in its name (`enterprise-attack-18.1.json.gz`).
  if (options.bundle)
    return {
      data: readAttackBundle(readFileSync(options.bundle), { version: versionFromFileName(options.bundle) }),
      full: true,
      origin: options.bundle,
    };
  const stored = options.catalog?.storedAttack();
  if (stored) return { data: stored, full: true, origin: 'catalog' };
  const cache = attackCachePath();
  if (existsSync(cache)) {
    try {
      return { data: JSON.parse(readFileSync(cache, 'utf8')) as AttackData, full: true, origin: cache };
    } catch {
      // A damaged cache is as good as none: fall through to the shipped table.
    }
  }
  const names = options.catalog?.declaredTechniqueNames() ?? {};
  return { data: learnTechniqueNames(offlineAttack(), names), full: false, origin: 'offline' };
}

/** Technique ids the loaded version places under a tactic given by id (`TA0003`), shortname or name. */
export function tacticTechniques(data: AttackData, tactic: string): string[] {
  const wanted = tactic.toLowerCase().replace(/[\s_]+/g, '-');
  const t = data.tactics.find(
    (x) =>
      x.id.toLowerCase() === wanted ||
      x.shortname === wanted ||
      x.name.toLowerCase().replace(/\s+/g, '-') === wanted,
  );
  if (!t) return [];
  return Object.values(data.techniques)
    .filter((x) => x.tactics.includes(t.shortname))
    .map((x) => x.id);
}

const pairsCache = new WeakMap<AttackData, Array<[string, string]>>();

/** Every [technique id, tactic shortname] pair of the loaded version: what counting rules per tactic joins. */
export function techniqueTacticPairs(data: AttackData): Array<[string, string]> {
  let pairs = pairsCache.get(data);
  if (!pairs) {
    pairs = Object.values(data.techniques).flatMap((t) =>
      t.tactics.map((tactic): [string, string] => [t.id, tactic]),
    );
    pairsCache.set(data, pairs);
  }
  return pairs;
}
