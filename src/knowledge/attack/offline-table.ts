/** The compact ATT&CK table shipped in the project: written from any STIX bundle, read when none is loaded. */
import { readDataFile } from '../data-file.js';
import type { AttackData, Tactic, Technique } from './types.js';

/** The data file under src/knowledge/data that holds the shipped table. */
export const OFFLINE_TABLE_FILE = 'attack-offline.json';

/** MITRE's terms of use ask that copies keep the copyright and this statement. */
export const MITRE_ATTRIBUTION =
  '© The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation. ' +
  'MITRE ATT&CK and ATT&CK are registered trademarks of The MITRE Corporation.';
export const MITRE_TERMS_OF_USE = 'https://attack.mitre.org/resources/legal-and-branding/terms-of-use/';

/** One technique as the table stores it: flags and replacement only when set, sub-techniques implied by `parent`. */
export interface OfflineTechnique {
  id: string;
  name: string;
  parent?: string;
  tactics: string[];
  platforms: string[];
  dataComponents?: string[];
  deprecated?: true;
  revoked?: true;
  revokedBy?: string;
}

export interface OfflineTable {
  description: string;
  attribution: string;
  termsOfUse: string;
  /** The bundle the table was written from (its file name). */
  source: string;
  version: string;
  domain: string;
  tactics: Tactic[];
  techniques: OfflineTechnique[];
}

/** The table of a dataset read from a bundle; techniques sorted by id. */
export function offlineTable(data: AttackData, source: string): OfflineTable {
  const techniques = Object.values(data.techniques)
    .sort((a, b) => compareIds(a.id, b.id))
    .map((t) => ({
      id: t.id,
      name: t.name,
      ...(t.parent ? { parent: t.parent } : {}),
      tactics: t.tactics,
      platforms: t.platforms,
      ...(t.dataComponents?.length ? { dataComponents: t.dataComponents } : {}),
      ...(t.deprecated ? { deprecated: true as const } : {}),
      ...(t.revoked ? { revoked: true as const } : {}),
      ...(t.revokedBy ? { revokedBy: t.revokedBy } : {}),
    }));
  return {
    description:
      `Enterprise ATT&CK ${data.version}, reduced to what rules are resolved with: technique ids, names, ` +
      'parents, tactics, platforms, data components, revoked and deprecated techniques with replacements. ' +
      'Used when no bundle is loaded; written by `npm run attack:table -- BUNDLE`.',
    attribution: MITRE_ATTRIBUTION,
    termsOfUse: MITRE_TERMS_OF_USE,
    source,
    version: data.version,
    domain: data.domain,
    tactics: data.tactics,
    techniques,
  };
}

/** The table as JSON text: one technique a line, so that a new release reads as a short diff. */
export function offlineTableText(table: OfflineTable): string {
  const { techniques, tactics, ...head } = table;
  const lines = (items: unknown[]): string => items.map((x) => `    ${JSON.stringify(x)}`).join(',\n');
  const heading = JSON.stringify(head, null, 2).slice(0, -2);
  return `${heading},\n  "tactics": [\n${lines(tactics)}\n  ],\n  "techniques": [\n${lines(techniques)}\n  ]\n}\n`;
}

/** The shipped table as `AttackData`: a fresh object each call, which callers may extend. */
export function offlineAttack(): AttackData {
  return attackFromTable(readDataFile<OfflineTable>(OFFLINE_TABLE_FILE));
}

/** The version of the shipped table (`18.1`). */
export function offlineVersion(): string {
  return readDataFile<OfflineTable>(OFFLINE_TABLE_FILE).version;
}

export function attackFromTable(table: OfflineTable): AttackData {
  const techniques: Record<string, Technique> = {};
  for (const t of table.techniques) {
    techniques[t.id] = {
      id: t.id,
      name: t.name,
      tactics: [...t.tactics],
      ...(t.parent ? { parent: t.parent } : {}),
      subtechniques: [],
      deprecated: t.deprecated === true,
      revoked: t.revoked === true,
      ...(t.revokedBy ? { revokedBy: t.revokedBy } : {}),
      platforms: [...t.platforms],
      ...(t.dataComponents ? { dataComponents: [...t.dataComponents] } : {}),
    };
  }
  for (const t of table.techniques) if (t.parent) techniques[t.parent]?.subtechniques.push(t.id);
  return {
    version: table.version,
    domain: table.domain,
    tactics: table.tactics.map((t) => ({ ...t })),
    techniques,
  };
}

/** `T1059` before `T1059.001` before `T1060`. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
