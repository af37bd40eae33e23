/** A cold ingest builds beside the catalog path and moves the file into place: same catalog as a warm build. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { IngestClock } from './ingest-clock.js';

const rule = (n: number): string => `title: Cold rule ${n}
id: cold-${n}
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\tool${n % 3}.exe'
  condition: selection
tags:
  - attack.t1059
`;

let root: string;
let src: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-cold-'));
  src = join(root, 'src');
  mkdirSync(src);
  for (let n = 0; n < 6; n++) writeFileSync(join(src, `r${n}.yml`), rule(n));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

async function ingestCold(path: string, clock = new IngestClock()): Promise<void> {
  const catalog = Catalog.openForIngest(path);
  try {
    expect(catalog.cold).toBe(true);
    await catalog.ingest(src, { name: 'local', deferCounts: true, clock });
    expect(existsSync(path)).toBe(false);
    catalog.finishBulkLoad(clock);
    catalog.refreshCounts();
    catalog.finishIngest();
  } finally {
    catalog.close();
  }
}

function schemaOf(path: string): { objects: string[]; journal: string } {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT type, name FROM sqlite_master ORDER BY name').all() as Array<{
      type: string;
      name: string;
    }>;
    return {
      objects: rows.map((r) => `${r.type} ${r.name}`),
      journal: db.pragma('journal_mode', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('cold ingest', () => {
  it('builds the same catalog as an ingest into an existing file, and leaves no build behind', async () => {
    const clock = new IngestClock();
    await ingestCold(join(root, 'cold.db'), clock);
    Catalog.open(join(root, 'warm.db')).close();
    const warm = Catalog.openForIngest(join(root, 'warm.db'));
    expect(warm.cold).toBe(false);
    await warm.ingest(src, { name: 'local' });
    warm.close();

    expect(readdirSync(root).sort()).toEqual(['cold.db', 'src', 'warm.db']);
    expect(schemaOf(join(root, 'cold.db'))).toEqual(schemaOf(join(root, 'warm.db')));
    expect(schemaOf(join(root, 'cold.db')).journal).toBe('wal');
    expect(clock.steps().fts).toBeGreaterThanOrEqual(0);

    const cold = Catalog.open(join(root, 'cold.db'), { readonly: true });
    try {
      expect(cold.search({ text: 'cold' }).total).toBe(6);
      expect(cold.search({ field: 'Image', value: '\\tool1.exe' }).rules.map((r) => r.title)).toEqual([
        'Cold rule 1',
        'Cold rule 4',
      ]);
      expect(cold.indicators({ value: 'tool0.exe' })[0]).toMatchObject({ count: 2 });
    } finally {
      cold.close();
    }
  });

  it('an ingest after the cold one is incremental, on the file moved into place', async () => {
    const path = join(root, 'catalog.db');
    await ingestCold(path);
    writeFileSync(join(src, 'r6.yml'), rule(6));
    const again = Catalog.openForIngest(path);
    try {
      expect(again.cold).toBe(false);
      expect((await again.ingest(src, { name: 'local' })).parsedFiles).toBe(1);
      expect(again.search({ text: 'cold' }).total).toBe(7);
    } finally {
      again.close();
    }
  });

  it('closed before it finished, it leaves no catalog and no build', async () => {
    const path = join(root, 'catalog.db');
    const catalog = Catalog.openForIngest(path);
    await catalog.ingest(src, { name: 'local' });
    catalog.close();
    expect(readdirSync(root)).toEqual(['src']);
  });

  it('removes the build a killed ingest left, and keeps those of running ones', () => {
    const path = join(root, 'catalog.db');
    const dead = `${path}.building-2147483646`;
    const alive = `${path}.building-${process.ppid}`;
    for (const f of [dead, `${dead}-wal`, alive]) writeFileSync(f, '');
    Catalog.openForIngest(path).close();
    expect(readdirSync(root).sort()).toEqual(['catalog.db.building-' + process.ppid, 'src']);
  });
});
