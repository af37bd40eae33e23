// The shipped ATT&CK table: written from the shared v18.1 bundle, read back the same, within its size limits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/corpus.js';
import { expectGolden } from '../../../test/golden.js';
import { readAttackBundle } from './bundle.js';
import { loadAttack } from './load.js';
import { resolveAttack } from './resolve.js';
import {
  attackFromTable,
  offlineAttack,
  offlineTable,
  offlineTableText,
  OFFLINE_TABLE_FILE,
  type OfflineTable,
} from './offline-table.js';

const bundlePath = sharedPath('attack', 'enterprise-attack-18.1.json.gz');
const shippedPath = resolve('src/knowledge/data', OFFLINE_TABLE_FILE);
const shippedText = readFileSync(shippedPath, 'utf8');
const shipped = JSON.parse(shippedText) as OfflineTable;

describe.skipIf(!bundlePath)('the table written from the v18.1 bundle', () => {
  const data = bundlePath ? readAttackBundle(readFileSync(bundlePath), { version: '18.1' }) : offlineAttack();
  const table = offlineTable(data, 'enterprise-attack-18.1.json.gz');
  const byId = new Map(table.techniques.map((t) => [t.id, t]));

  it('is the committed data file, byte for byte', () => {
    expect(offlineTableText(table)).toBe(shippedText);
  });

  it('keeps ids, names, tactics, platforms and data components', () => {
    expect(table.version).toBe('18.1');
    expect(table.tactics).toHaveLength(14);
    expect(byId.get('T1197')).toEqual({
      id: 'T1197',
      name: 'BITS Jobs',
      tactics: ['defense-evasion', 'persistence'],
      platforms: ['Windows'],
      dataComponents: [
        'Command Execution',
        'Network Connection Creation',
        'Process Creation',
        'Service Creation',
      ],
    });
    expect(byId.get('T1105')).toMatchObject({
      name: 'Ingress Tool Transfer',
      tactics: ['command-and-control'],
    });
  });

  it('keeps sub-technique parents', () => {
    expect(byId.get('T1059.001')).toMatchObject({
      name: 'PowerShell',
      parent: 'T1059',
      tactics: ['execution'],
    });
    expect(byId.get('T1048.003')?.parent).toBe('T1048');
  });

  it('keeps revoked techniques with their replacement, and deprecated ones', () => {
    expect(byId.get('T1066')).toMatchObject({
      name: 'Indicator Removal from Tools',
      revoked: true,
      revokedBy: 'T1027.005',
    });
    expect(byId.get('T1064')).toMatchObject({ name: 'Scripting', deprecated: true });
    expect(byId.get('T1064')?.revoked).toBeUndefined();
  });

  it('reads back as the data the bundle gives', () => {
    expect(attackFromTable(JSON.parse(offlineTableText(table)) as OfflineTable)).toEqual(data);
  });

  it('carries MITRE’s attribution and terms of use', () => {
    expect(shipped.attribution).toContain('© The MITRE Corporation');
    expect(shipped.termsOfUse).toBe('https://attack.mitre.org/resources/legal-and-branding/terms-of-use/');
  });
});

describe('the shipped table', () => {
  it('stays within its size and shape', () => {
    const bytes = Buffer.byteLength(shippedText);
    expect(bytes).toBeLessThan(400 * 1024);
    const techniques = shipped.techniques;
    expectGolden('attack', 'offline-table-shape', {
      version: shipped.version,
      domain: shipped.domain,
      kibRoundedUpTo50: Math.ceil(bytes / 1024 / 50) * 50,
      tactics: shipped.tactics.map((t) => `${t.id} ${t.shortname}`),
      techniques: techniques.filter((t) => !t.parent).length,
      subtechniques: techniques.filter((t) => t.parent).length,
      revoked: techniques.filter((t) => t.revoked).length,
      revokedWithReplacement: techniques.filter((t) => t.revokedBy).length,
      deprecated: techniques.filter((t) => t.deprecated).length,
      withDataComponents: techniques.filter((t) => t.dataComponents).length,
      keys: [...new Set(techniques.flatMap((t) => Object.keys(t)))].sort(),
    });
  });

  it('resolves what a rule declares to names and tactics', () => {
    const attack = resolveAttack(
      { techniques: ['T1197', 'T1105', 'T1086'], tactics: [], names: {} },
      offlineAttack(),
    );
    expect(attack.techniques.map((t) => `${t.id} ${t.name} ${t.status}`)).toEqual([
      'T1197 BITS Jobs ok',
      'T1105 Ingress Tool Transfer ok',
      'T1086 PowerShell revoked',
    ]);
    expect(attack.techniques[2].resolvedTo).toBe('T1059.001');
    expect(attack.tactics.map((t) => `${t.name}: ${t.techniques.join(' ')}`)).toEqual([
      'Execution: T1086',
      'Persistence: T1197',
      'Defense Evasion: T1197',
      'Command and Control: T1105',
    ]);
  });

  it('lists sub-techniques under their parent', () => {
    expect(offlineAttack().techniques.T1059.subtechniques).toContain('T1059.001');
  });
});

describe('choosing the data', () => {
  const work = mkdtempSync(join(tmpdir(), 'ruleatlas-attack-'));
  const cache = process.env.RULEATLAS_CACHE;
  process.env.RULEATLAS_CACHE = join(work, 'cache');
  afterAll(() => {
    if (cache === undefined) delete process.env.RULEATLAS_CACHE;
    else process.env.RULEATLAS_CACHE = cache;
    rmSync(work, { recursive: true, force: true });
  });

  it('uses the shipped table when nothing is loaded, with names rules carry for ids it lacks', () => {
    const loaded = loadAttack({
      catalog: { storedAttack: () => undefined, declaredTechniqueNames: () => ({ T1999: 'Made Up' }) },
    });
    expect(loaded).toMatchObject({ full: false, origin: 'offline' });
    expect(loaded.data.version).toBe(shipped.version);
    expect(loaded.data.techniques.T1197.tactics).toEqual(['defense-evasion', 'persistence']);
    expect(loaded.data.techniques.T1999.name).toBe('Made Up');
  });

  it('lets a loaded bundle win over the table', () => {
    const path = join(work, 'enterprise-attack-19.0.json');
    writeFileSync(path, v19Bundle());
    const loaded = loadAttack({ bundle: path });
    expect(loaded).toMatchObject({ full: true, origin: path });
    expect(loaded.data.version).toBe('19.0');
    expect(loaded.data.techniques.T1197.tactics).toEqual(['stealth', 'persistence']);
    expect(loaded.data.techniques.T1105).toBeUndefined();
  });
});

/** A v19-shaped bundle: BITS Jobs under Stealth, data components through a detection strategy. */
function v19Bundle(): string {
  const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      {
        type: 'x-mitre-tactic',
        id: 'x-mitre-tactic--s',
        name: 'Stealth',
        x_mitre_shortname: 'stealth',
        external_references: ref('TA0005'),
      },
      {
        type: 'attack-pattern',
        id: 'attack-pattern--bits',
        name: 'BITS Jobs',
        external_references: ref('T1197'),
        kill_chain_phases: [
          { kill_chain_name: 'mitre-attack', phase_name: 'stealth' },
          { kill_chain_name: 'mitre-attack', phase_name: 'persistence' },
        ],
      },
    ],
  });
}
