/** The catalog's read side as the web asks it: a source's page, an indicator's fields and equivalents, freshness. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';

const rule = (title: string, detection: string): string => `title: ${title}
status: test
logsource:
  product: windows
  category: process_creation
detection:
${detection}
  condition: selection
`;

let root: string;
let catalog: Catalog;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-catalog-'));
  const src = join(root, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'a.yml'), rule('Bits A', "  selection:\n    Image|endswith: '\\bitsadmin.exe'"));
  writeFileSync(
    join(src, 'b.yml'),
    rule('Bits B', "  selection:\n    NewProcessName|endswith: '\\bitsadmin.exe'"),
  );
  writeFileSync(join(src, 'c.kql'), 'DeviceProcessEvents\n| where FileName =~ "bitsadmin.exe"\n');
  writeFileSync(join(src, 'broken.yml'), rule('Broken', '  selection:\n    Image|endswith: [unclosed'));
  writeFileSync(join(src, 'blob.yml'), Buffer.from([0x00, 0x01, 0x02]));
  catalog = Catalog.open(join(root, 'catalog.db'));
  await catalog.ingest(src, { name: 'local' });
});

afterAll(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

const BITS = {
  kind: 'detection',
  canonical: 'process.image_path',
  op: 'ends_with',
  value: '\\bitsadmin.exe',
};

describe('Catalog reads', () => {
  it('gives a source with its rules by format and language and its problems', () => {
    const view = catalog.source('local');
    expect(view?.source.name).toBe('local');
    expect(view?.formats).toEqual([
      { format: 'sigma', language: 'sigma', rules: 3, parsed: 2 },
      { format: 'kql-file', language: 'kusto', rules: 1, parsed: 1 },
    ]);
    expect(view?.rulesWithDiagnostics.map((r) => [r.key, r.diagnostics[0].severity])).toEqual([
      ['local:broken.yml', 'error'],
    ]);
    expect(view?.filesWithDiagnostics.map((f) => f.path)).toEqual(['blob.yml']);
    expect(catalog.source('none')).toBeUndefined();
  });

  it('says how rules write an indicator, by language', () => {
    expect(catalog.indicatorFields(BITS)).toEqual([
      { field: 'Image', language: 'sigma', count: 1 },
      { field: 'NewProcessName', language: 'sigma', count: 1 },
    ]);
  });

  it('lists the other indicators of an equivalence class with their counts', () => {
    const found = catalog.indicatorCount(BITS);
    expect(found?.count).toBe(2);
    expect(catalog.equivalentIndicators(found!.equivalence, BITS)).toEqual([
      {
        kind: 'detection',
        canonical: 'process.name',
        op: 'eq',
        value: 'bitsadmin.exe',
        count: 1,
        byLanguage: { kusto: 1 },
      },
    ]);
  });

  it('moves its data version when another connection commits', async () => {
    const reader = Catalog.open(join(root, 'catalog.db'), { readonly: true });
    try {
      const before = reader.dataVersion();
      expect(reader.dataVersion()).toBe(before);
      writeFileSync(join(root, 'src', 'd.yml'), rule('Bits D', "  selection:\n    Image: 'x.exe'"));
      await catalog.ingest(join(root, 'src'), { name: 'local' });
      expect(reader.dataVersion()).not.toBe(before);
    } finally {
      reader.close();
    }
  });
});
