/** Ingest end to end on a small Sigma source: incremental by content, deletions, skipped files, counts and search. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatReaders } from '../formats/registry.js';
import { Catalog } from './catalog.js';

const rule = (title: string, image: string, extra = ''): string => `title: ${title}
id: ${title.toLowerCase().replace(/\W+/g, '-')}
status: test
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '${image}'
    CommandLine|contains: '/transfer'
  filter:
    User: SYSTEM
  condition: selection and not filter
level: high
tags:
  - attack.t1197
${extra}`;

let root: string;
let dbPath: string;
let catalog: Catalog;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-ingest-'));
  dbPath = join(root, 'catalog.db');
  const src = join(root, 'src');
  mkdirSync(join(src, 'odd names (x)'), { recursive: true });
  writeFileSync(join(src, 'a.yml'), rule('Bits A', '\\bitsadmin.exe'));
  writeFileSync(
    join(src, 'odd names (x)', 'b ü.yml'),
    `\uFEFF${rule('Bits B', '\\bitsadmin.exe').replace(/\n/g, '\r\n')}`,
  );
  writeFileSync(join(src, 'c.yml'), rule('Certutil C', '\\certutil.exe'));
  writeFileSync(join(src, 'notes.txt'), 'not a rule');
  writeFileSync(join(src, 'blob.yml'), Buffer.from([0x00, 0x01, 0x02]));
  catalog = Catalog.open(dbPath);
});

afterEach(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

describe('ingest', () => {
  it('reads every rule and accounts for every file', async () => {
    const first = await catalog.ingest(join(root, 'src'), { name: 'local' });
    expect(first.files).toBe(5);
    expect(first.parsedFiles).toBe(5);
    const [stats] = catalog.sources();
    expect(stats.rules).toBe(3);
    expect(stats.parsed).toBe(3);
    expect(stats.skipped).toBe(2);
    expect(stats.byLanguage.sigma).toEqual({ rules: 3, parsed: 3, errors: 0 });
  });

  it('recognises each text file once: the parse reads it with that recognition', async () => {
    // Every recognition asks the readers in registry order, so the first reader sees each one.
    const first = vi.spyOn(formatReaders[0], 'recognize');
    try {
      await catalog.ingest(join(root, 'src'), { name: 'local', jobs: 0 });
      const paths = first.mock.calls.map(([file]) => file.path).sort();
      expect(paths).toEqual(['a.yml', 'c.yml', 'notes.txt', 'odd names (x)/b ü.yml']);
    } finally {
      first.mockRestore();
    }
  });

  it('parses nothing again when nothing changed, and only what changed', async () => {
    await catalog.ingest(join(root, 'src'), { name: 'local' });
    expect((await catalog.ingest(join(root, 'src'), { name: 'local' })).parsedFiles).toBe(0);
    writeFileSync(join(root, 'src', 'c.yml'), rule('Certutil C2', '\\certutil.exe'));
    expect((await catalog.ingest(join(root, 'src'), { name: 'local' })).parsedFiles).toBe(1);
    expect(catalog.rule('certutil-c2')?.title).toBe('Certutil C2');
  });

  it('removes exactly the rules of a deleted file', async () => {
    await catalog.ingest(join(root, 'src'), { name: 'local' });
    rmSync(join(root, 'src', 'c.yml'));
    const again = await catalog.ingest(join(root, 'src'), { name: 'local' });
    expect(again.removedFiles).toBe(1);
    expect(catalog.sources()[0].rules).toBe(2);
    expect(catalog.rule('certutil-c')).toBeUndefined();
    expect(catalog.rule('bits-a')?.title).toBe('Bits A');
  });
});

describe('catalog answers', () => {
  beforeEach(async () => {
    await catalog.ingest(join(root, 'src'), { name: 'local' });
  });

  it('finds rules by key, by id and with odd file names', async () => {
    expect(catalog.rule('local:odd names (x)/b ü.yml')?.title).toBe('Bits B');
    expect(catalog.rule('bits-a')?.key).toBe('local:a.yml');
  });

  it('counts the other rules sharing an indicator, and keeps exclusions apart', async () => {
    const view = catalog.rule('bits-a')!;
    const image = view.indicators.find((i) => i.field === 'Image')!;
    expect(image).toMatchObject({
      op: 'ends_with',
      value: '\\bitsadmin.exe',
      kind: 'detection',
      count: 1,
      byLanguage: { sigma: 1 },
    });
    const cmd = view.indicators.find((i) => i.field === 'CommandLine')!;
    expect(cmd).toMatchObject({ op: 'match', value: '/transfer', count: 2 });
    const user = view.indicators.find((i) => i.field === 'User')!;
    expect(user).toMatchObject({ kind: 'exclusion', value: 'system', count: 2 });
  });

  it('searches full text and by field and value', async () => {
    expect(catalog.search({ text: 'bits' }).total).toBe(2);
    expect(catalog.search({ field: 'Image', value: '\\bitsadmin.exe' }).rules.map((r) => r.title)).toEqual([
      'Bits A',
      'Bits B',
    ]);
    expect(catalog.search({ technique: 'T1197', severity: 'high' }).total).toBe(3);
    expect(catalog.search({ text: 'certutil' }).facets.language).toEqual([{ value: 'sigma', count: 1 }]);
  });

  it('lists indicators by corpus count', async () => {
    const top = catalog.indicators({ value: 'bitsadmin.exe' });
    expect(top[0]).toMatchObject({ op: 'ends_with', value: '\\bitsadmin.exe', count: 2 });
  });
});
