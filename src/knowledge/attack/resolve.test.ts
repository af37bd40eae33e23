// Resolving declared ATT&CK: the seed Sigma rule against v18.1, a v19-shaped bundle, revoked, unknown and fallback ids.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/corpus.js';
import { readAttackBundle } from './bundle.js';
import { fallbackAttack, learnTechniqueNames } from './fallback.js';
import { resolveAttack } from './resolve.js';
import type { RuleAttack } from './types.js';

const bundlePath = sharedPath('attack', 'enterprise-attack-18.1.json.gz');

/** `Tactic: T1 Name, T2 Name` lines, as a rule page shows them. */
function table(attack: RuleAttack): string[] {
  const names = new Map(attack.techniques.map((t) => [t.id, t.name]));
  return attack.tactics.map((t) =>
    `${t.name}: ${t.techniques.map((id) => `${id} ${names.get(id)}`).join(', ')}`.trimEnd(),
  );
}

const seedSigma = {
  techniques: ['T1048', 'T1570', 'T1105', 'T1197'],
  tactics: ['exfiltration', 'lateral_movement', 'Command_and_control', 'persistence'],
  names: {},
};

describe.skipIf(!bundlePath)('against ATT&CK v18.1', () => {
  // The body is collected even when skipped: read the bundle only when it is there.
  const data = bundlePath ? readAttackBundle(readFileSync(bundlePath)) : fallbackAttack();

  it('shows the seed Sigma rule under the tactics v18.1 gives its techniques', () => {
    const attack = resolveAttack(seedSigma, data);
    expect(table(attack)).toEqual([
      'Persistence: T1197 BITS Jobs',
      'Defense Evasion: T1197 BITS Jobs',
      'Lateral Movement: T1570 Lateral Tool Transfer',
      'Command and Control: T1105 Ingress Tool Transfer',
      'Exfiltration: T1048 Exfiltration Over Alternative Protocol',
    ]);
    expect(attack.techniques.every((t) => t.status === 'ok')).toBe(true);
  });

  it('marks the tactics the rule declares apart from those ATT&CK adds', () => {
    const attack = resolveAttack(seedSigma, data);
    expect(attack.tactics.filter((t) => t.declared).map((t) => t.name)).toEqual([
      'Persistence',
      'Lateral Movement',
      'Command and Control',
      'Exfiltration',
    ]);
    expect(attack.tactics.find((t) => t.name === 'Defense Evasion')?.declared).toBeUndefined();
  });

  it('follows a revoked technique to its replacement', () => {
    const [t] = resolveAttack({ techniques: ['T1066'], tactics: [], names: {} }, data).techniques;
    expect(t).toMatchObject({
      id: 'T1066',
      name: 'Indicator Removal from Tools',
      status: 'revoked',
      resolvedTo: 'T1027.005',
    });
    expect(t.tactics.map((x) => x.shortname)).toEqual(['defense-evasion']);
  });

  it('marks deprecated techniques and keeps unknown ones', () => {
    const attack = resolveAttack(
      {
        techniques: ['T1064', 't1685.001'],
        tactics: ['attack.nothing'],
        names: { 'T1685.001': 'Disable or Modify Tools' },
      },
      data,
    );
    expect(attack.techniques[0]).toMatchObject({ id: 'T1064', status: 'deprecated' });
    expect(attack.techniques[1]).toEqual({
      id: 'T1685.001',
      name: 'Disable or Modify Tools',
      tactics: [],
      status: 'unknown',
      parent: 'T1685',
    });
    expect(attack.tactics).toContainEqual({
      id: 'TA0005',
      shortname: 'defense-evasion',
      name: 'Defense Evasion',
      techniques: ['T1064'],
    });
    expect(attack.tactics.flatMap((t) => t.techniques)).not.toContain('T1685.001');
  });

  it('reads tactic ids and places tactics v18.1 lacks where the merged matrix puts them', () => {
    const attack = resolveAttack(
      { techniques: [], tactics: ['TA0011', 'defense-impairment', 'stealth', 'TA0002'], names: {} },
      data,
    );
    expect(attack.tactics.map((t) => t.shortname)).toEqual([
      'execution',
      'stealth',
      'defense-impairment',
      'command-and-control',
    ]);
  });
});

describe('against a v19-shaped bundle', () => {
  const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
  const bundle = JSON.stringify({
    type: 'bundle',
    objects: [
      { type: 'x-mitre-collection', id: 'x-mitre-collection--1', x_mitre_version: '19.0' },
      {
        type: 'x-mitre-matrix',
        id: 'x-mitre-matrix--1',
        external_references: ref('enterprise-attack'),
        tactic_refs: ['x-mitre-tactic--p', 'x-mitre-tactic--s', 'x-mitre-tactic--d'],
      },
      {
        type: 'x-mitre-tactic',
        id: 'x-mitre-tactic--p',
        name: 'Persistence',
        x_mitre_shortname: 'persistence',
        external_references: ref('TA0003'),
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
        id: 'x-mitre-tactic--d',
        name: 'Defense Impairment',
        x_mitre_shortname: 'defense-impairment',
        external_references: ref('TA0112'),
      },
      {
        type: 'attack-pattern',
        id: 'attack-pattern--bits',
        name: 'BITS Jobs',
        external_references: ref('T1197'),
        kill_chain_phases: [
          { kill_chain_name: 'mitre-attack', phase_name: 'persistence' },
          { kill_chain_name: 'mitre-attack', phase_name: 'stealth' },
        ],
      },
      {
        type: 'attack-pattern',
        id: 'attack-pattern--tools',
        name: 'Disable or Modify Tools',
        external_references: ref('T1685'),
        kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'defense-impairment' }],
      },
    ],
  });
  const data = readAttackBundle(bundle);

  it("shows that version's tactics", () => {
    const attack = resolveAttack({ techniques: ['T1197', 'T1685'], tactics: ['TA0005'], names: {} }, data);
    expect(table(attack)).toEqual([
      'Persistence: T1197 BITS Jobs',
      'Stealth: T1197 BITS Jobs',
      'Defense Impairment: T1685 Disable or Modify Tools',
    ]);
  });
});

describe('against fallback data', () => {
  it('shows declared tactics and names the rule carries', () => {
    const names = { T1197: 'BITS Jobs', TA0003: 'Persistence', TA0005: 'Defense Evasion' };
    const data = learnTechniqueNames(fallbackAttack(), names);
    const attack = resolveAttack({ techniques: ['T1197'], tactics: ['TA0003', 'TA0005'], names }, data);
    expect(attack.techniques[0]).toMatchObject({ id: 'T1197', name: 'BITS Jobs', status: 'ok' });
    expect(attack.tactics.map((t) => t.name)).toEqual(['Persistence', 'Defense Evasion']);
    const stealth = resolveAttack(
      { techniques: [], tactics: ['TA0005'], names: { TA0005: 'Stealth' } },
      data,
    );
    expect(stealth.tactics.map((t) => t.name)).toEqual(['Stealth']);
  });
});
