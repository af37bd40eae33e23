/** Relations at ingest: stored both ways, incremental, read by `similar`, source comparison and duplicates. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { overlapLayer, verifyClaims } from '../analysis/overlap/index.js';
import { testEvent } from '../../test/engine.js';

const sigma = (title: string, detection: string): string => `title: ${title}
logsource:
  product: windows
  category: process_creation
detection:
${detection}
`;

const SEED = sigma(
  'Seed',
  `  selection:
    NewProcessName|endswith: '\\bitsadmin.exe'
    CommandLine|contains: ['/transfer', '/download']
  condition: selection`,
);

let root: string;
let catalog: Catalog;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-relations-'));
  const a = join(root, 'a');
  const b = join(root, 'b');
  mkdirSync(a);
  mkdirSync(b);
  writeFileSync(join(a, 'seed.yml'), SEED);
  writeFileSync(join(a, 'seed-copy.yml'), SEED.replace('Seed', 'Seed copy'));
  writeFileSync(
    join(a, 'certutil.yml'),
    sigma(
      'Certutil',
      "  selection:\n    Image|endswith: '\\certutil.exe'\n    CommandLine|contains: 'urlcache'\n  condition: selection",
    ),
  );
  writeFileSync(
    join(b, 'narrow.kql'),
    'DeviceProcessEvents\n| where FileName =~ "bitsadmin.exe" and ProcessCommandLine contains "/transfer" and ProcessCommandLine contains "http"\n',
  );
  writeFileSync(
    join(b, 'broad.kql'),
    'DeviceProcessEvents\n| where ProcessCommandLine contains "bitsadmin"\n| where ProcessCommandLine contains "transfer"\n',
  );
  catalog = Catalog.open(join(root, 'catalog.db'));
  await catalog.ingest(a, { name: 'a' });
  await catalog.ingest(b, { name: 'b' });
});

afterAll(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

describe('rule relations in the catalog', () => {
  it('lists related rules across languages with the relation of the listed rule to the subject', () => {
    const found = catalog.similar('a:seed.yml');
    const byKey = Object.fromEntries(found!.similar.map((s) => [s.key, s]));
    expect(byKey['a:seed-copy.yml'].relation).toBe('equivalent');
    expect(byKey['b:narrow.kql'].relation).toBe('narrower');
    expect(byKey['b:narrow.kql'].differences).toContain('also requires process.command_line contains http');
    expect(byKey['a:certutil.yml']).toBeUndefined();
    expect(found!.similar[0].relation).toBe('equivalent');
    const back = catalog.similar('b:narrow.kql')!.similar.find((s) => s.key === 'a:seed.yml');
    expect(back?.relation).toBe('broader');
  });

  it('recomputes only what changed, and nothing when nothing did', async () => {
    expect(catalog.refreshRelations().changed).toBe(0);
    writeFileSync(join(root, 'a', 'seed-copy.yml'), SEED.replace('/download', '/addfile'));
    await catalog.ingest(join(root, 'a'), { name: 'a' });
    const copy = catalog.similar('a:seed.yml')!.similar.find((s) => s.key === 'a:seed-copy.yml');
    expect(copy?.relation).toBe('overlapping');
    expect(catalog.duplicates('a')).toEqual([]);
  });

  it('compares two sources, with a Navigator layer of format 4.5', () => {
    const overlap = catalog.overlap('a', 'b');
    expect(overlap.counts.aOnly).toBe(1);
    expect(overlap.pairs.find((p) => p.rule.key === 'a:seed.yml')?.counterpart.relation).toBe('narrower');
    const layer = overlapLayer(overlap, '18.1');
    expect(layer).toMatchObject({ versions: { layer: '4.5', attack: '18' }, domain: 'enterprise-attack' });
    expect(Array.isArray(layer.techniques)).toBe(true);
  });

  it('finds related rules for a rule outside the catalog', async () => {
    const { rulesFromFiles } = await import('../analysis/rule-files.js');
    const [parsed] = rulesFromFiles([join(root, 'a', 'seed.yml')]);
    expect(catalog.similarTo(parsed).some((s) => s.key === 'a:seed.yml' && s.relation === 'equivalent')).toBe(
      true,
    );
  });

  it('holds its containment claims on events: where the narrower rule fires, the broader does too', () => {
    const { claims, rules } = catalog.containmentClaims();
    expect(claims.length).toBeGreaterThan(0);
    const events = [
      testEvent({
        Image: 'C:\\Windows\\System32\\bitsadmin.exe',
        CommandLine: 'bitsadmin /transfer j http://x/a',
      }),
      testEvent({ Image: 'C:\\Windows\\System32\\bitsadmin.exe', CommandLine: 'bitsadmin /download j' }),
      testEvent({ Image: 'C:\\Windows\\System32\\certutil.exe', CommandLine: 'certutil -urlcache' }),
    ];
    const check = verifyClaims(claims, rules, events);
    expect(check.violations).toEqual([]);
    expect(check.exercised).toBeGreaterThan(0);
  });
});
