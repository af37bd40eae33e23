/** `explain` with no ATT&CK data loaded: names and tactics from the shipped table; a loaded bundle still wins. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from './corpus.js';

const CLI = resolve('dist/cli/main.js');
const seed = sharedPath('seeds', 'rules', 'seed-sigma-bits-payload-download.yml');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-attack-offline-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `explain` with an empty cache and no catalog, so that nothing but the shipped table is at hand. */
function explain(...args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [CLI, 'explain', seed!, '--db', join(work, 'none.db'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1', RULEATLAS_CACHE: join(work, 'cache') },
  });
  return { code: r.status ?? -1, out: r.stdout };
}

describe.skipIf(!existsSync(CLI) || !seed)('explain with no ATT&CK data loaded', () => {
  it('shows technique names under their tactics and names the shipped version', () => {
    const { code, out } = explain();
    expect(code).toBe(0);
    expect(out).toContain('  Persistence (declared): T1197 BITS Jobs\n  Defense Evasion: T1197 BITS Jobs\n');
    expect(out).toContain('  Lateral Movement (declared): T1570 Lateral Tool Transfer\n');
    expect(out).toContain('  Command and Control (declared): T1105 Ingress Tool Transfer\n');
    expect(out).toContain('  Exfiltration (declared): T1048 Exfiltration Over Alternative Protocol\n');
    expect(out).toContain('from the v18.1 table shipped with ruleatlas');
  });

  it('gives the same in JSON, with the note', () => {
    const body = JSON.parse(explain('--json').out) as {
      rules: Array<{
        attack: { techniques: Array<{ id: string; name: string; tactics: Array<{ name: string }> }> };
      }>;
      note: string;
    };
    const bits = body.rules[0].attack.techniques.find((t) => t.id === 'T1197');
    expect(bits?.name).toBe('BITS Jobs');
    expect(bits?.tactics.map((t) => t.name)).toEqual(['Defense Evasion', 'Persistence']);
    expect(body.note).toContain('v18.1');
  });

  it('lets --attack win over the table', () => {
    const bundle = join(work, 'enterprise-attack-19.0.json');
    writeFileSync(bundle, v19Bundle());
    const { code, out } = explain('--attack', bundle);
    expect(code).toBe(0);
    expect(out).toContain('  Persistence (declared): T1197 BITS Jobs\n  Stealth: T1197 BITS Jobs\n');
    expect(out).not.toContain('Defense Evasion: T1197');
    expect(out).not.toContain('shipped with ruleatlas');
  });
});

/** A v19-shaped bundle that knows only BITS Jobs, under Persistence and Stealth. */
function v19Bundle(): string {
  const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
  const tactic = (id: string, shortname: string, name: string) => ({
    type: 'x-mitre-tactic',
    id: `x-mitre-tactic--${shortname}`,
    name,
    x_mitre_shortname: shortname,
    external_references: ref(id),
  });
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      tactic('TA0003', 'persistence', 'Persistence'),
      tactic('TA0005', 'stealth', 'Stealth'),
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
