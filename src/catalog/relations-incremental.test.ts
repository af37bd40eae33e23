/** Relations refreshed incrementally: rows of untouched pairs stay as written, and the result is a full recompute's. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';

const rule = (title: string, image: string, words: string[]): string => `title: ${title}
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\\\${image}'
    CommandLine|contains: [${words.map((w) => `'${w}'`).join(', ')}]
  condition: selection
`;

let root: string;
let catalog: Catalog;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-relations-incremental-'));
  const files: Record<string, string> = {
    'bits-a.yml': rule('Bits A', 'bitsadmin.exe', ['/transfer', '/download']),
    'bits-b.yml': rule('Bits B', 'bitsadmin.exe', ['/transfer']),
    'bits-c.yml': rule('Bits C', 'bitsadmin.exe', ['/addfile', '/transfer']),
    'cert-a.yml': rule('Cert A', 'certutil.exe', ['urlcache', 'verifyctl']),
    'cert-b.yml': rule('Cert B', 'certutil.exe', ['urlcache']),
    'reg-a.yml': rule('Reg A', 'regsvr32.exe', ['scrobj', '/i:http']),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  catalog = Catalog.open(join(root, 'catalog.db'));
  await catalog.ingest(root, { name: 'r' });
});

afterAll(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

/** The stored relations without their score (rarity weights move with every rule added or removed). */
const relationsOf = (c: Catalog): string[] =>
  c.relationLines().map((l) => l.split('\t').slice(0, 7).join('\t'));

describe('incremental relations', () => {
  it('rewrites only the rows of changed rules, and ends where a full recompute does', async () => {
    expect(relationsOf(catalog).length).toBeGreaterThan(0);
    // Marks every stored row: a row still marked after the refresh was not written again.
    const db = new Database(join(root, 'catalog.db'));
    db.prepare('UPDATE rule_relations SET score = -1').run();
    db.close();
    writeFileSync(join(root, 'bits-b.yml'), rule('Bits B', 'bitsadmin.exe', ['/transfer', '/download']));
    await catalog.ingest(root, { name: 'r' });
    const rows = catalog.relationLines().map((l) => l.split('\t'));
    const rewritten = rows.filter((r) => r[7] !== '-1').map((r) => `${r[0]} ${r[1]}`);
    expect(rewritten.length).toBeGreaterThan(0);
    expect(rewritten.every((pair) => pair.includes('r:bits-b.yml'))).toBe(true);
    const kept = rows.filter((r) => r[7] === '-1').map((r) => `${r[0]} ${r[1]} ${r[2]}`);
    expect(kept).toContain('r:cert-a.yml r:cert-b.yml narrower');
    const bitsB = rows.find((r) => r[0] === 'r:bits-a.yml' && r[1] === 'r:bits-b.yml');
    expect(bitsB?.[2]).toBe('equivalent');

    const incremental = relationsOf(catalog);
    catalog.forgetRelations();
    catalog.refreshRelations();
    expect(relationsOf(catalog)).toEqual(incremental);
  });
});
