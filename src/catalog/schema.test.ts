/** The full-text index reads the rules' query text: FTS5's integrity check and rebuild work, old catalogs migrate. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { openDatabase, SCHEMA_VERSION } from './schema.js';

/** The index as schema 2 made it: a `query` column FTS5 read back from the rules' parsed-query JSON. */
const SCHEMA_2_FTS = `
DROP TRIGGER rules_fts_insert; DROP TRIGGER rules_fts_delete; DROP TABLE rules_fts;
CREATE VIRTUAL TABLE rules_fts USING fts5(
  title, description, query, tags, content='rules', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER rules_fts_insert AFTER INSERT ON rules BEGIN
  INSERT INTO rules_fts(rowid, title, description, query, tags) VALUES (new.id, new.title, new.description, new.query_text, new.tags);
END;
CREATE TRIGGER rules_fts_delete AFTER DELETE ON rules BEGIN
  INSERT INTO rules_fts(rules_fts, rowid, title, description, query, tags) VALUES ('delete', old.id, old.title, old.description, old.query_text, old.tags);
END;
INSERT INTO rules_fts(rowid, title, description, query, tags) SELECT id, title, description, query_text, tags FROM rules;
UPDATE meta SET value = '2' WHERE key = 'schema';
`;

/** With rank 1 FTS5 also compares the index with the content table's columns (SQLite 3.44 and later). */
const INTEGRITY_CHECK = "INSERT INTO rules_fts(rules_fts, rank) VALUES ('integrity-check', 1)";

let root: string;

async function catalogAt(name: string): Promise<string> {
  const src = join(root, `${name}-src`);
  mkdirSync(src);
  writeFileSync(
    join(src, 'a.yml'),
    "title: Transfer job\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Image|endswith: '\\bitsadmin.exe'\n  condition: sel\n",
  );
  writeFileSync(join(src, 'b.kql'), 'DeviceProcessEvents\n| where FileName =~ "certutil.exe"\n');
  const path = join(root, `${name}.db`);
  const catalog = Catalog.open(path);
  await catalog.ingest(src, { name });
  catalog.close();
  return path;
}

function hits(path: string, text: string): number {
  const catalog = Catalog.open(path, { readonly: true });
  try {
    return catalog.search({ text }).total;
  } finally {
    catalog.close();
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-schema-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the full-text index', () => {
  it("passes FTS5's integrity check and rebuilds from the query text, not the parsed JSON", async () => {
    const path = await catalogAt('fresh');
    const db = openDatabase(path);
    expect(() => db.exec(INTEGRITY_CHECK)).not.toThrow();
    db.exec("INSERT INTO rules_fts(rules_fts) VALUES ('rebuild')");
    expect(() => db.exec(INTEGRITY_CHECK)).not.toThrow();
    db.close();
    expect(hits(path, 'bitsadmin')).toBe(1);
    expect(hits(path, 'certutil')).toBe(1);
    // Words of the parsed-query JSON only ("stages", "predicates") are not indexed.
    expect(hits(path, 'predicates')).toBe(0);
  });

  it('replaces a schema-2 index when the catalog is opened for writing, and reindexes the rules', async () => {
    const path = await catalogAt('old');
    const old = openDatabase(path);
    old.exec(SCHEMA_2_FTS);
    expect(() => old.exec(INTEGRITY_CHECK)).toThrow();
    old.close();

    const db = openDatabase(path);
    expect(() => db.exec(INTEGRITY_CHECK)).not.toThrow();
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).toBe(
      String(SCHEMA_VERSION),
    );
    db.close();
    expect(hits(path, 'predicates')).toBe(0);
    expect(hits(path, 'bitsadmin')).toBe(1);
  });
});
