// Facet counts against a GROUP BY over the rules table (the query they replace): each facet leaves its own filter out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { openDatabase, type Db } from './schema.js';
import { examplesRoot } from '../../test/corpus.js';
import { hostileRoot } from '../../test/browser/catalog-fixture.js';
import type { Facet } from './views.js';

describe('search facets', () => {
  let dir: string;
  let catalog: Catalog;
  let db: Db;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ruleatlas-facets-'));
    catalog = Catalog.open(join(dir, 'catalog.db'));
    await catalog.ingest(examplesRoot, { name: 'examples' });
    await catalog.ingest(hostileRoot, { name: 'hostile' });
    db = openDatabase(join(dir, 'catalog.db'), { readonly: true });
  });
  afterAll(() => {
    db.close();
    catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const grouped = (expr: string, where = ''): Facet[] =>
    db
      .prepare(
        `SELECT ${expr} AS value, COUNT(*) AS count FROM rules r ${where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30`,
      )
      .all() as Facet[];

  it('count every match as a GROUP BY over the rules does', () => {
    // [query, its WHERE, the WHERE of the language facet (the query without its language filter)]
    for (const [query, where, languageWhere] of [
      [{}, '', ''],
      [{ language: 'sigma' }, "WHERE r.language = 'sigma'", ''],
      [
        { text: 'bitsadmin' },
        `WHERE r.id IN (SELECT rowid FROM rules_fts WHERE rules_fts MATCH '"bitsadmin"')`,
        `WHERE r.id IN (SELECT rowid FROM rules_fts WHERE rules_fts MATCH '"bitsadmin"')`,
      ],
    ] as const) {
      const result = catalog.search(query);
      expect(result.facets.language).toEqual(grouped("COALESCE(r.language, 'none')", languageWhere));
      expect(result.facets.severity).toEqual(grouped("COALESCE(lower(r.severity), 'none')", where));
      expect(result.facets.status).toEqual(grouped("COALESCE(lower(r.status), 'none')", where));
      expect(result.facets.source).toEqual(
        grouped('(SELECT name FROM sources WHERE id = r.source_id)', where),
      );
      expect(result.total).toBe(result.facets.source.reduce((n, f) => n + f.count, 0));
    }
    expect(catalog.search({ text: 'bitsadmin' }).total).toBeGreaterThan(1);
    const providers = db
      .prepare(
        `SELECT e.provider AS value, COUNT(DISTINCT r.id) AS count FROM rules r JOIN rule_events e ON e.rule = r.id
         GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30`,
      )
      .all();
    expect(catalog.search({}).facets.provider).toEqual(providers);
    expect(providers.length).toBeGreaterThan(1);
  });
});
