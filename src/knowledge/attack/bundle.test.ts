// Reading ATT&CK bundles: the shared v18.1 bundle (speed, revocations, sub-techniques) and small hand-made ones.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/corpus.js';
import { readAttackBundle } from './bundle.js';
import { fallbackAttack, learnTechniqueNames } from './fallback.js';
import { versionFromFileName } from './version.js';
import { downloadAttackBundle } from './download.js';

const bundlePath = sharedPath('attack', 'enterprise-attack-18.1.json.gz');

function tinyBundle(extra: Record<string, unknown>[] = []): string {
  const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      {
        type: 'x-mitre-collection',
        id: 'x-mitre-collection--1',
        name: 'Enterprise ATT&CK',
        x_mitre_version: '19.0',
      },
      {
        type: 'x-mitre-matrix',
        id: 'x-mitre-matrix--1',
        external_references: ref('enterprise-attack'),
        tactic_refs: ['x-mitre-tactic--p', 'x-mitre-tactic--s', 'x-mitre-tactic--d'],
      },
      {
        type: 'x-mitre-tactic',
        id: 'x-mitre-tactic--d',
        name: 'Defense Impairment',
        x_mitre_shortname: 'defense-impairment',
        external_references: ref('TA0112'),
      },
      {
        type: 'x-mitre-tactic',
        id: 'x-mitre-tactic--s',
        name: 'Stealth',
        x_mitre_shortname: 'stealth',
        external_references: ref('TA0005'),
      },
      {
        type: 'x-mitre-tactic',
        id: 'x-mitre-tactic--p',
        name: 'Persistence',
        x_mitre_shortname: 'persistence',
        external_references: ref('TA0003'),
      },
      {
        type: 'attack-pattern',
        id: 'attack-pattern--bits',
        name: 'BITS Jobs',
        external_references: ref('T1197'),
        x_mitre_platforms: ['Windows'],
        kill_chain_phases: [
          { kill_chain_name: 'mitre-attack', phase_name: 'stealth' },
          { kill_chain_name: 'mitre-attack', phase_name: 'persistence' },
        ],
      },
      ...extra,
    ],
  });
}

describe.skipIf(!bundlePath)('ATT&CK v18.1 bundle', () => {
  const bytes = bundlePath ? readFileSync(bundlePath) : Buffer.alloc(0);

  it('reads the gzipped bundle in under 0.5 s', () => {
    const started = performance.now();
    const data = readAttackBundle(bytes);
    const ms = performance.now() - started;
    console.log(
      `ATT&CK 18.1 bundle read in ${ms.toFixed(0)} ms: ${Object.keys(data.techniques).length} techniques`,
    );
    expect(ms).toBeLessThan(500);
  });

  const data = bundlePath ? readAttackBundle(bytes) : fallbackAttack();

  it('names the version, the domain and the tactics in matrix order', () => {
    expect(data.version).toBe('18.1');
    expect(data.domain).toBe('enterprise-attack');
    expect(data.tactics.map((t) => t.shortname)).toEqual([
      'reconnaissance',
      'resource-development',
      'initial-access',
      'execution',
      'persistence',
      'privilege-escalation',
      'defense-evasion',
      'credential-access',
      'discovery',
      'lateral-movement',
      'collection',
      'command-and-control',
      'exfiltration',
      'impact',
    ]);
    expect(data.tactics[4]).toEqual({ id: 'TA0003', shortname: 'persistence', name: 'Persistence' });
  });

  it('knows techniques, their tactics and platforms', () => {
    expect(data.techniques.T1197).toMatchObject({
      name: 'BITS Jobs',
      tactics: ['defense-evasion', 'persistence'],
      platforms: ['Windows'],
      deprecated: false,
      revoked: false,
    });
  });

  it('knows sub-technique parents and children', () => {
    expect(data.techniques['T1059.001']).toMatchObject({ name: 'PowerShell', parent: 'T1059' });
    expect(data.techniques.T1059.subtechniques).toContain('T1059.001');
    expect(data.techniques['T1048.003'].parent).toBe('T1048');
  });

  it('follows revoked-by relationships', () => {
    const revoked = Object.values(data.techniques).filter((t) => t.revoked);
    expect(revoked.length).toBeGreaterThan(100);
    expect(revoked.filter((t) => t.revokedBy).length).toBeGreaterThan(100);
    expect(data.techniques.T1066).toMatchObject({
      name: 'Indicator Removal from Tools',
      revoked: true,
      revokedBy: 'T1027.005',
    });
  });

  it('marks deprecated techniques', () => {
    expect(data.techniques.T1064).toMatchObject({ name: 'Scripting', deprecated: true });
  });

  it('round-trips through JSON', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe('hand-made bundles', () => {
  it('reads plain JSON, as a string or as bytes, and gzipped bytes alike', () => {
    const text = tinyBundle();
    const fromString = readAttackBundle(text);
    expect(readAttackBundle(Buffer.from(text))).toEqual(fromString);
    expect(readAttackBundle(gzipSync(text))).toEqual(fromString);
    expect(fromString.version).toBe('19.0');
  });

  it('takes the tactics of the version it reads, in its matrix order', () => {
    const data = readAttackBundle(tinyBundle());
    expect(data.tactics.map((t) => `${t.id} ${t.shortname}`)).toEqual([
      'TA0003 persistence',
      'TA0005 stealth',
      'TA0112 defense-impairment',
    ]);
    expect(data.techniques.T1197.tactics).toEqual(['stealth', 'persistence']);
  });

  it('uses a version hint when the bundle has no collection object', () => {
    const bundle = JSON.parse(tinyBundle());
    bundle.objects = bundle.objects.filter((o: { type: string }) => o.type !== 'x-mitre-collection');
    expect(readAttackBundle(JSON.stringify(bundle), { version: '19.1' }).version).toBe('19.1');
    expect(readAttackBundle(JSON.stringify(bundle)).version).toBe('unknown');
    expect(versionFromFileName('/x/enterprise-attack-18.1.json.gz')).toBe('18.1');
  });

  it('refuses what is not a bundle', () => {
    expect(() => readAttackBundle('{"type":"nothing"}')).toThrow(/Not an ATT&CK STIX bundle/);
    expect(() => readAttackBundle('not json')).toThrow(/Not an ATT&CK STIX bundle/);
  });
});

describe('fallback data', () => {
  it('lists the tactics of both matrices and no techniques', () => {
    const data = fallbackAttack();
    expect(data.version).toBe('fallback');
    expect(data.techniques).toEqual({});
    const names = data.tactics.map((t) => t.shortname);
    expect(names).toContain('defense-evasion');
    expect(data.tactics.find((t) => t.shortname === 'stealth')).toEqual({
      id: 'TA0005',
      shortname: 'stealth',
      name: 'Stealth',
    });
    expect(data.tactics.find((t) => t.shortname === 'defense-impairment')).toEqual({
      id: 'TA0112',
      shortname: 'defense-impairment',
      name: 'Defense Impairment',
    });
  });

  it('learns technique names that rules carry', () => {
    const data = learnTechniqueNames(fallbackAttack(), {
      T1197: 'BITS Jobs',
      'T1059.001': 'PowerShell',
      T1059: 'Command and Scripting Interpreter',
      TA0003: 'Persistence',
    });
    expect(data.techniques.T1197.name).toBe('BITS Jobs');
    expect(data.techniques['T1059.001'].parent).toBe('T1059');
    expect(data.techniques.T1059.subtechniques).toEqual(['T1059.001']);
    expect(data.techniques.TA0003).toBeUndefined();
  });
});

describe('download', () => {
  it('fails with a one-line message when the server cannot be reached', async () => {
    const error = await downloadAttackBundle('http://127.0.0.1:9/').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Cannot download ATT&CK data from http:\/\/127\.0\.0\.1:9\/: \S/,
    );
    expect((error as Error).message).not.toContain('\n');
  });
});
